//! The prose of a generated unit (sections 一, 五 and 六): banks of honest sentences, the random
//! choices among them, the unit's names and figures filled in.

use std::fmt::Write as _;

use nianbao::model::Report;

use super::{Rng, figure};

/// The random choices behind a unit's prose: which sentence of each bank, which topics. A copy
/// reuses another unit's choices with its own names and figures.
#[derive(Debug, Clone)]
pub struct ProseChoices {
    picks: Vec<u64>,
}

impl ProseChoices {
    /// Fresh choices.
    pub fn new(rng: &mut Rng) -> Self {
        ProseChoices {
            picks: (0..64).map(|_| rng.next_u64()).collect(),
        }
    }

    /// The same choices except the `slot`-th, redrawn (a copier who rewrote one sentence).
    pub fn edited(&self, slot: usize, rng: &mut Rng) -> Self {
        let mut picks = self.picks.clone();
        picks[slot] = rng.next_u64();
        ProseChoices { picks }
    }
}

struct Writer<'a> {
    choices: &'a ProseChoices,
    next: usize,
}

impl Writer<'_> {
    fn pick<'b>(&mut self, items: &'b [&'b str]) -> &'b str {
        let p = self.choices.picks[self.next % self.choices.picks.len()];
        self.next += 1;
        items[(p % items.len() as u64) as usize]
    }

    fn pick_n<'b>(&mut self, items: &'b [&'b str], k: usize) -> Vec<&'b str> {
        let p = self.choices.picks[self.next % self.choices.picks.len()];
        self.next += 1;
        let mut rng = Rng::new(p);
        rng.choose(items, k).into_iter().copied().collect()
    }
}

const TOPICS: [&str; 28] = [
    "乡村振兴",
    "农村人居环境整治",
    "安全生产",
    "防汛抗旱",
    "社会救助",
    "养老服务",
    "医疗保障",
    "就业创业",
    "义务教育",
    "耕地保护",
    "河湖长制",
    "森林防火",
    "垃圾分类",
    "老旧小区改造",
    "惠农补贴发放",
    "退役军人服务",
    "残疾人帮扶",
    "营商环境",
    "集体经济",
    "城乡低保",
    "危房改造",
    "农田水利",
    "殡葬改革",
    "移风易俗",
    "食品安全",
    "道路交通安全",
    "地质灾害防治",
    "生态环境保护",
];

const OPENINGS: [&str; 8] = [
    "{year}年，{short}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，围绕{t1}和{t2}等中心工作，扎实推进政务公开。",
    "{year}年，{short}在县委、县政府的坚强领导下，把政务公开作为转变作风、服务群众的重要抓手，{t1}、{t2}等领域信息发布更加及时。",
    "今年以来，{short}对照县政务公开工作要点，结合辖区{t1}工作实际，细化任务分工，推动公开工作落地见效，{t2}类信息关注度明显提升。",
    "{short}党政班子高度重视政府信息公开工作，年初召开专题会议研究部署，将公开工作与{t1}、{t2}同部署、同推进、同考核。",
    "本年度，{short}以群众需求为导向，持续深化决策、执行、管理、服务、结果公开，重点做好{t1}和{t2}信息的发布与解读。",
    "{year}年{short}政务公开工作稳中有进：围绕{t1}发布专题信息，围绕{t2}开展集中宣传，群众的知情权、参与权得到较好保障。",
    "过去一年，{short}紧扣全县{t1}大局，把公开透明贯穿工作全过程，在{t2}等方面探索形成了一些行之有效的做法。",
    "{short}认真落实条例要求，调整充实政务公开工作领导小组，由分管领导具体抓，工作人员专门干，{t1}与{t2}信息实现按月更新。",
];

const ACTIVE: [&str; 10] = [
    "全年在县政府门户网站{short}专栏发布各类信息{n1}条，其中{t1}类{n2}条，{t2}类{n3}条。",
    "通过政府网站、政务新媒体和村（居）务公开栏等渠道发布信息{n1}条，涉及{t1}、{t2}等内容。",
    "及时公开财政预决算、{t1}资金使用等信息，全年更新专栏{n1}次，发布图片新闻{n2}篇。",
    "围绕{t1}和{t2}两项重点工作，推出政策问答{n2}期、图解{n3}篇，方便群众快速了解政策要点。",
    "坚持“应公开、尽公开”，梳理编制主动公开事项清单{n2}项，按季度动态调整，公开信息{n1}条。",
    "重点公开{t1}补助对象、标准和发放情况，在各村（社区）张贴公示{n3}次，接受群众监督。",
    "在便民服务中心电子屏滚动播放{t1}和{t2}政策，累计发布各类信息{n1}条。",
    "利用村村响广播和微信工作群推送{t2}提示{n2}次，转载上级{t1}政策文件{n3}件。",
    "按照“谁制作、谁公开”原则，各办所站线每月报送公开信息，全年累计{n1}条，无超期未公开情况。",
    "对{t1}项目实行事前、事中、事后全过程公开，公开招投标和验收结果{n3}项。",
];

const DOCS_SENTENCE: [&str; 2] = [
    "制发行政规范性文件{issued}件，废止行政规范性文件{repealed}件，现行有效行政规范性文件{in_force}件。",
    "本年度制发行政规范性文件{issued}件，废止行政规范性文件{repealed}件，截至年底现行有效行政规范性文件{in_force}件。",
];

const REQUESTS_SENTENCE: [&str; 2] = [
    "全年新收政府信息公开申请{new}件，上年结转{carried_in}件，办结政府信息公开申请{done}件，结转下年度继续办理{carried_out}件。",
    "本年度新收政府信息公开申请{new}件，上年结转{carried_in}件；共办结政府信息公开申请{done}件，结转下年度继续办理{carried_out}件。",
];

const REQUESTS_EXTRA: [&str; 8] = [
    "所有申请均在法定期限内作出答复，未发生逾期情况。",
    "申请内容主要集中在{t1}方面，均按规定出具书面告知书。",
    "进一步规范受理、登记、拟办、审核、送达各环节，做到一案一档。",
    "对申请内容不明确的，及时与申请人沟通，指导其补正后依法办理。",
    "办理过程中注重与申请人沟通，涉及{t1}的申请邀请业务站所共同研判。",
    "建立依申请公开工作台账，由党政办统一受理，分管领导把关审签。",
    "依申请公开答复前均经法律顾问审核，确保答复合法规范。",
    "申请人多通过信函和当面方式提出，办理中未收取任何费用。",
];

const MANAGEMENT: [&str; 8] = [
    "严格落实公开前保密审查制度，全年审查拟公开信息{n1}条，未发生泄密事件。",
    "对历年发布的{t1}信息开展清理，更新失效链接{n3}处，调整公开属性{n2}条。",
    "执行“三审三校”制度，信息发布由经办人起草、办公室审核、分管领导签发。",
    "建立信息公开登记台账，对每条信息的来源、审核人和发布时间逐一记录，做到全程留痕。",
    "组织开展文件公开属性源头认定，新制发公文均在拟稿时标注公开方式。",
    "对涉及个人隐私的{t1}名单进行去标识化处理后再公开，确保合法合规。",
    "定期开展政府信息管理自查，发现并整改表述不规范、附件缺失等问题{n3}个。",
    "落实政策文件与解读材料同步组织、同步审签、同步部署要求，全年解读文件{n3}件。",
];

const PLATFORM: [&str; 8] = [
    "依托县政府门户网站集约化平台维护{short}信息公开专栏，栏目设置规范统一。",
    "运营“{short}发布”微信公众号，全年推送信息{n1}条，关注人数稳步增长。",
    "在便民服务中心设置政府信息查阅点，配备查阅终端{n3}台，方便群众就近查阅。",
    "对各村（社区）公开栏进行统一改造，新增电子公开屏{n3}块，实现重要信息同步展示。",
    "优化政务新媒体账号管理，关停整合内容更新慢的账号{n3}个，集中力量办好主账号。",
    "按照县里统一部署完成专栏目录调整，新增{t1}专题栏目，内容分类更加清晰。",
    "加强网站和新媒体内容巡查，每周检查一次错别字、死链接，发现问题即时整改。",
    "在政务服务大厅设置意见箱和咨询台，收集群众对{t1}等方面公开内容的意见建议。",
];

const OVERSIGHT: [&str; 8] = [
    "将政务公开工作纳入年度目标考核，开展业务培训{n3}次，组织自查{n2}次。",
    "主动接受人大代表、政协委员和群众监督，聘请社会监督员{n3}名定期评议公开工作。",
    "对照县政务公开考核指标逐项自查，对发现的问题建立清单、限期整改。",
    "明确一名分管领导和两名工作人员负责政务公开，做到人员、职责、制度“三落实”。",
    "把政务公开纳入干部教育培训内容，组织学习条例及配套文件{n3}次。",
    "建立政务公开工作通报制度，按季度通报各站所信息报送情况。",
    "邀请县政务公开办到{short}现场指导，针对{t1}信息发布中的问题逐项整改。",
    "完善责任追究机制，本年度未发生因政务公开工作不到位引发的责任追究情况。",
];

// Separate clauses: the checker reads "行政复议0件、行政诉讼2件" as saying both are zero.
const REVIEW_SENTENCE: [&str; 3] = [
    "本年度发生政府信息公开行政复议{review}件，行政诉讼{litigation}件。",
    "全年涉及政府信息公开的行政复议{review}件，行政诉讼{litigation}件。",
    "本年度因政府信息公开引起的行政复议{review}件，行政诉讼{litigation}件，均依法应对。",
];

const PROBLEMS: [&str; 12] = [
    "部分栏目更新不够及时，存在“重发布、轻维护”现象",
    "政策解读形式较为单一，以文字解读为主，图解、音视频解读较少",
    "{t1}领域信息公开的深度和广度还不够，群众关注的细节信息发布不多",
    "工作人员多为兼职，业务能力与新形势新要求还有差距",
    "村（社区）公开栏内容更新滞后，个别公开栏破损未及时修复",
    "依申请公开答复文书的规范性有待进一步提高",
    "政务新媒体互动回应不够及时，留言回复周期偏长",
    "基层政务公开标准目录落实还不够到位，个别事项公开不全",
    "对公开信息的统计分析不够，未能充分了解群众的关注重点",
    "{t1}项目公开存在滞后，事中公开环节较为薄弱",
    "信息发布审核环节偶有把关不严，出现个别表述不规范的情况",
    "政务公开与{t1}等业务工作融合不够紧密",
];

const MEASURES: [&str; 12] = [
    "建立栏目维护台账，明确责任人和更新时限，每季度开展一次自查",
    "丰富解读形式，增加图解、问答、短视频等解读方式",
    "聚焦{t1}等群众关切，细化公开内容，提高信息发布的针对性",
    "加强业务培训，通过以会代训、跟班学习等方式提升工作人员能力",
    "对村（社区）公开栏开展集中整治，落实专人定期更新",
    "参照上级答复文书范本统一文书格式，提升依申请公开办理质量",
    "完善政务新媒体留言办理机制，做到件件有回音",
    "对照基层政务公开标准目录逐项梳理，查漏补缺",
    "定期分析网站访问和咨询数据，及时调整公开重点",
    "推动{t1}项目全过程公开，重点加强事中进展公开",
    "严格落实信息发布三级审核制度，杜绝差错",
    "把政务公开融入{t1}等中心工作，同谋划、同落实",
];

const FEE: [&str; 8] = [
    "本年度未收取信息处理费。",
    "本年度没有收取政府信息公开信息处理费，依申请公开均免费提供。",
    "{short}本年度未向申请人收取信息处理费，也未发出收费通知。",
    "全年未发生信息处理费收取情况。",
    "按照《政府信息公开信息处理费管理办法》规定，本年度申请数量均未超过收费标准，未收取费用。",
    "本年度依申请公开均未达到收费条件，信息处理费收取金额为0元。",
    "{year}年{short}未收取任何信息处理费。",
    "本单位严格执行收费管理办法，全年信息处理费为零。",
];

const TASKS: [&str; 10] = [
    "按照县年度政务公开工作要点，细化形成任务清单{n3}项，已全部完成。",
    "逐项落实上级部署的{n3}项重点任务，{t1}信息公开专项工作按时完成。",
    "对照上级工作要点制定本单位实施方案，明确责任站所和完成时限，各项任务均已落实。",
    "认真落实县政务公开要点中关于{t1}的要求，按月报送工作进展。",
    "将上级要点分解为{n3}项具体措施，纳入月度工作计划跟踪推进。",
    "按要求完成基层政务公开标准化规范化建设年度任务，目录动态更新{n2}次。",
    "围绕{t2}开展专项公开，及时发布工作动态{n2}条。",
    "年中对要点落实情况开展自查，对进度滞后的{n4}项任务督促整改。",
    "建立要点落实台账，实行周调度、月通报，确保{t1}等重点领域公开到位。",
    "结合{t1}工作实际，将公开要求融入日常业务流程。",
];

const NPC: [&str; 8] = [
    "本年度承办县人大代表建议{n3}件，办理结果已按规定公开。",
    "本年度未承办人大代表建议和政协提案。",
    "共承办县人大代表建议{n3}件、县政协委员提案{n4}件，答复全文均已公开。",
    "承办的{n3}件代表建议全部按期办结，办理复文在政府网站公开。",
    "本年度承办县政协提案{n4}件，均已办结并公开答复情况。",
    "{short}本年度没有承办的人大代表建议，承办政协提案{n4}件，已公开办理结果。",
    "代表建议主要涉及{t1}方面，{n3}件均已答复，满意率100%。",
    "人大代表建议和政协提案由县里统一交办，本年度{short}协办{n4}件，主办单位已公开结果。",
];

const INNOVATION: [&str; 12] = [
    "在村（社区）开设“政策明白课”，通过院坝会向群众讲解{t1}政策，全年举办{n3}场。",
    "推出“{short}公开日”活动，邀请群众代表走进机关，现场了解{t1}工作。",
    "探索“政务公开+网格化”模式，由网格员将{t1}政策送到群众家中。",
    "制作{t1}政策口袋书{n1}册，在便民服务中心免费发放。",
    "开通政务公开咨询热线，安排专人解答群众关于{t1}的咨询{n2}次。",
    "在集市日设立公开咨询点，现场解答{t1}和{t2}相关问题。",
    "建立政策“一张图”，将辖区{t1}项目分布和进度上图展示。",
    "邀请老党员、乡贤担任政务公开监督员，定期收集对{t2}工作的意见。",
    "在{short}便民服务中心试点“政策找人”，根据台账主动告知符合{t1}条件的群众。",
    "用方言录制{t2}政策音频{n3}期，在村村响广播循环播放。",
    "编印{year}年{short}惠民政策汇编，覆盖{t1}、{t2}等{n2}类事项。",
    "组织机关干部开展“公开进村组”活动，走访群众{n1}户，面对面宣讲{t1}政策。",
];

/// The names, figures and topics a sentence may use.
struct Slots {
    year: u16,
    short: String,
    numbers: [i64; 4],
    topics: [String; 2],
    figures: Vec<(&'static str, i64)>,
}

fn fill(template: &str, s: &Slots) -> String {
    let mut out = template
        .replace("{year}", &s.year.to_string())
        .replace("{short}", &s.short)
        .replace("{t1}", &s.topics[0])
        .replace("{t2}", &s.topics[1]);
    for (i, n) in s.numbers.iter().enumerate() {
        out = out.replace(&format!("{{n{}}}", i + 1), &n.to_string());
    }
    for (name, v) in &s.figures {
        out = out.replace(&format!("{{{name}}}"), &v.to_string());
    }
    out
}

/// Section 一, 五 and 六 of a 2021 report from `choices`, naming the unit and its figures.
pub fn write_prose(r: &mut Report, choices: &ProseChoices, short: &str, rng: &mut Rng) {
    let mut w = Writer { choices, next: 0 };
    let topics = w.pick_n(&TOPICS, 2);
    let mut slots = Slots {
        year: r.meta.year,
        short: short.to_owned(),
        numbers: [
            rng.range(80, 900),
            rng.range(10, 80),
            rng.range(2, 12),
            rng.range(1, 6),
        ],
        topics: [topics[0].to_owned(), topics[1].to_owned()],
        figures: vec![
            ("issued", figure(r, "t2_art20_1.normative_docs.issued")),
            ("repealed", figure(r, "t2_art20_1.normative_docs.repealed")),
            ("in_force", figure(r, "t2_art20_1.normative_docs.in_force")),
            ("new", figure(r, "t3.new.total")),
            ("carried_in", figure(r, "t3.carried_in.total")),
            ("done", figure(r, "t3.results_total.total")),
            ("carried_out", figure(r, "t3.carried_out.total")),
            ("review", figure(r, "t4.review.total")),
            (
                "litigation",
                figure(r, "t4.lit_direct.total") + figure(r, "t4.lit_after_review.total"),
            ),
        ],
    };
    let mut s1 = String::new();
    let _ = writeln!(s1, "{}", fill(w.pick(&OPENINGS), &slots));
    let sections: [(&str, &[&str], usize); 5] = [
        ("（一）主动公开", &ACTIVE, 2),
        ("（二）依申请公开", &REQUESTS_EXTRA, 1),
        ("（三）政府信息管理", &MANAGEMENT, 2),
        ("（四）政府信息公开平台建设", &PLATFORM, 2),
        ("（五）监督保障", &OVERSIGHT, 2),
    ];
    for (heading, bank, k) in sections {
        let _ = writeln!(s1, "{heading}");
        let mut para = String::new();
        if heading == "（二）依申请公开" {
            para.push_str(&fill(w.pick(&REQUESTS_SENTENCE), &slots));
        }
        for sentence in w.pick_n(bank, k) {
            para.push_str(&fill(sentence, &slots));
        }
        if heading == "（一）主动公开" {
            para.push_str(&fill(w.pick(&DOCS_SENTENCE), &slots));
        }
        if heading == "（五）监督保障" {
            para.push_str(&fill(w.pick(&REVIEW_SENTENCE), &slots));
        }
        let _ = writeln!(s1, "{para}");
    }
    let ordinals = ["一是", "二是", "三是"];
    let list = |items: Vec<&str>, slots: &Slots| {
        items
            .iter()
            .zip(ordinals)
            .map(|(item, o)| format!("{o}{}", fill(item, slots)))
            .collect::<Vec<_>>()
            .join("；")
            + "。"
    };
    let problems = list(w.pick_n(&PROBLEMS, 3), &slots);
    let measures = list(w.pick_n(&MEASURES, 3), &slots);
    let s5 = format!("（一）存在的主要问题\n{problems}\n（二）改进措施\n{measures}");
    slots.numbers[3] = rng.range(1, 4);
    let s6 = format!(
        "（一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况\n{}\n（二）落实上级年度政务公开工作要点情况\n{}\n（三）人大代表建议和政协提案办理结果公开情况\n{}\n（四）年度政务公开工作创新情况\n{}",
        fill(w.pick(&FEE), &slots),
        w.pick_n(&TASKS, 2)
            .iter()
            .map(|t| fill(t, &slots))
            .collect::<String>(),
        fill(w.pick(&NPC), &slots),
        w.pick_n(&INNOVATION, 2)
            .iter()
            .map(|t| fill(t, &slots))
            .collect::<String>(),
    );
    r.prose.insert("s1".into(), s1.trim_end().to_owned());
    r.prose.insert("s5".into(), s5);
    r.prose.insert("s6".into(), s6);
}
