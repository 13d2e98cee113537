#!/usr/bin/env python3
"""Builds the Word fixtures in tests/fixtures/docx/ from the web-page fixtures, with python-docx
(pip install python-docx), the way Word and WPS write real reports: runs split mid-word, merged
cells as w:gridSpan / w:vMerge, headings numbered by Word's automatic numbering, tracked changes,
fields, bookmarks, a text box (with its VML fallback copy), nested layout tables, cells holding
several paragraphs, thousands separators and full-width digits, a title over two paragraphs.

The expected figures are those of the web pages (tests/docx.rs compares the two imports).
Run from the repository root:  python3 scripts/make_docx_fixtures.py
"""
import copy
import html.parser
import io
import os
import random
import zipfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "tests", "fixtures")
OUT = os.path.join(FIXTURES, "docx")
FIXED_DATE = (2026, 1, 20, 0, 0, 0)


class Tree(html.parser.HTMLParser):
    """The paragraphs and tables inside the element with class="content" (and an h1 title)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items = []  # ("p", text, align) | ("table", rows)
        self.depth = 0  # depth inside the content element (0 = outside)
        self.stack = []
        self.text = None
        self.align = None
        self.tables = []  # open tables: list of rows; row = list of [text, rowspan, colspan]
        self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.depth == 0 and "content" in (a.get("class") or "").split():
            self.depth = 1
            self.stack.append(tag)
            return
        if self.depth and tag not in ("br", "img", "hr", "meta", "input"):
            self.stack.append(tag)
        if tag == "h1" or (self.depth and tag == "p"):
            self.text, self.align = "", a.get("style", "")
        elif self.depth and tag == "table":
            self.tables.append([])
        elif self.depth and tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif self.depth and tag in ("td", "th") and self.tables:
            self.cell = ["", int(a.get("rowspan", 1)), int(a.get("colspan", 1))]
            self.tables[-1][-1].append(self.cell)
        elif tag == "br":
            if self.cell is not None:
                self.cell[0] += "\n"
            elif self.text is not None:
                self.text += "\n"

    def handle_endtag(self, tag):
        if tag == "h1" and self.text is not None:
            self.items.append(("title", self.text.strip(), ""))
            self.text = None
        if not self.depth:
            return
        if tag == "p" and self.text is not None:
            if self.text.strip():
                self.items.append(("p", self.text.strip(), self.align))
            self.text = None
        elif tag in ("td", "th"):
            self.cell = None
        elif tag == "table" and self.tables:
            self.items.append(("table", self.tables.pop()))
        if self.stack:
            self.stack.pop()
            if not self.stack:
                self.depth = 0

    def handle_data(self, data):
        data = data.replace("\r", "").replace("\n", "")
        if self.cell is not None:
            self.cell[0] += data
        elif self.text is not None:
            self.text += data


def parse(name, encoding="utf-8"):
    with open(os.path.join(FIXTURES, name), encoding=encoding) as f:
        tree = Tree()
        tree.feed(f.read())
    return tree.items


RNG = random.Random(2026)


def add_runs(paragraph, text, split=True, bold=False):
    """The text in runs cut at arbitrary places, as Word leaves them after editing."""
    pieces = []
    while text:
        n = RNG.randint(2, 6) if split else len(text)
        pieces.append(text[:n])
        text = text[n:]
    for piece in pieces:
        lines = piece.split("\n")
        run = paragraph.add_run(lines[0])
        run.bold = bold
        for line in lines[1:]:
            run.add_break()
            run.add_text(line)


def grid(rows):
    """Logical positions of the cells: [(r, c, rowspan, colspan, text)], and the column count."""
    taken, out, width = {}, [], 0
    for r, row in enumerate(rows):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, rs, cs, text))
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, c + dc)] = True
            c += cs
            width = max(width, c)
    return out, width


def set_cell(cell, text, paragraphs_for_breaks=True, fill=None):
    cell.text = ""
    parts = text.split("\n") if paragraphs_for_breaks else [text]
    first = cell.paragraphs[0]
    for i, part in enumerate(parts):
        p = first if i == 0 else cell.add_paragraph()
        value = fill(part) if fill else part
        if isinstance(value, str):
            add_runs(p, value)
        else:
            value(p)


def add_table(container, rows, fill=None):
    cells, width = grid(rows)
    height = len(rows)
    table = container.add_table(rows=height, cols=width)
    table.style = "Table Grid"
    for r, c, rs, cs, text in cells:
        cell = table.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(table.cell(min(r + rs, height) - 1, c + cs - 1))
        set_cell(cell, text, fill=fill)
    return table


def centre(p):
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def add_list(document, levels, overrides=()):
    """A list definition (levels: [(numFmt, lvlText)]); returns the numIds (one per override)."""
    numbering = document.part.numbering_part.element
    aid = 90 + len(numbering.findall(qn("w:abstractNum")))
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    abstract = parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="{aid}">{lvls}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    ids = []
    for restart in overrides or [False]:
        nid = 90 + len(numbering.findall(qn("w:num")))
        extra = (
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
        )
        numbering.append(
            parse_xml(f'<w:num {W_NS} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{extra}</w:num>')
        )
        ids.append(nid)
    return ids


def number(paragraph, num_id, level=0):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))


def tracked(paragraph, before, inserted, deleted, after=""):
    """Text with a tracked insertion and deletion, as Word writes them with 修订 on."""
    add_runs(paragraph, before)
    paragraph._p.append(parse_xml(
        f'<w:ins {W_NS} w:id="{RNG.randint(100, 999)}" w:author="科员" w:date="2026-01-15T09:00:00Z">'
        f'<w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'
    ))
    paragraph._p.append(parse_xml(
        f'<w:del {W_NS} w:id="{RNG.randint(100, 999)}" w:author="科员" w:date="2026-01-15T09:00:00Z">'
        f'<w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'
    ))
    add_runs(paragraph, after)


def bookmark(paragraph, name, bid):
    paragraph._p.insert(1, parse_xml(f'<w:bookmarkStart {W_NS} w:id="{bid}" w:name="{name}"/>'))
    paragraph._p.append(parse_xml(f'<w:bookmarkEnd {W_NS} w:id="{bid}"/>'))


def field_simple(paragraph, instr, result):
    paragraph._p.append(parse_xml(
        f'<w:fldSimple {W_NS} w:instr="{instr}"><w:r><w:t>{result}</w:t></w:r></w:fldSimple>'
    ))


def field_complex(paragraph, instr, result):
    for xml in (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r><w:t>{result}</w:t></w:r>',
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {W_NS}>", 1)))


def text_box(paragraph, lines):
    """A floating text box (wps shape) with its VML fallback copy, as Word 2010+ writes one."""
    paras = "".join(
        f'<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>{line}</w:t></w:r></w:p>' for line in lines
    )
    xml = f"""<w:r {W_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
      xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
      xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
      xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
      xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>
      <mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"
        relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
        <wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>2880000</wp:posOffset></wp:positionH>
        <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
        <wp:extent cx="2880000" cy="720000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
        <wp:docPr id="7" name="落款"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
        <wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2880000" cy="720000"/></a:xfrm>
        <a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx>
        <wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
      <mc:Fallback><w:pict><v:shape style="position:absolute;width:226pt;height:56pt"><v:textbox>
        <w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""
    paragraph._p.append(parse_xml(xml))


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def new_document():
    d = docx.Document()
    d.core_properties.author = "nianbao fixtures"
    d.core_properties.title = "旧模板标题"  # a stale title, as real files carry
    return d


def save(document, name):
    buf = io.BytesIO()
    document.save(buf)
    # Same bytes on every run: fixed timestamps in the zip.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = data.replace(
                    data[data.find(b"<dcterms:created"):data.find(b"</dcterms:modified>") + 19],
                    b"",
                )
            z.writestr(zipfile.ZipInfo(info.filename, FIXED_DATE), data, zipfile.ZIP_DEFLATED)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(out.getvalue())
    print(name, len(out.getvalue()), "bytes")


def is_heading(text):
    return text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")


def is_sub_heading(text):
    return text.startswith("（") and text[1:3] in ("一）", "二）", "三）", "四）", "五）")


def qinghe_separate_tables():
    """2021 format, one table per 表; WPS-like direct formatting, 落款 in a text box."""
    items = parse("qinghe-2025.html")
    d = new_document()
    title = next(t for k, t, *_ in items if k == "title")
    agency, rest = title.split("2025", 1)
    add_runs(centre(d.add_paragraph()), agency, bold=True)
    add_runs(centre(d.add_paragraph()), "2025" + rest, bold=True)
    bid = 0
    signature = []
    for item in items:
        if item[0] == "title":
            continue
        if item[0] == "table":
            rows = item[1]

            def fill(text):
                if text == "1.20":
                    return "12,000元"  # written in 元 with a thousands separator
                if text.isdigit() and any(c[0] == "行政复议" for r in rows for c in r):
                    return text.translate(FULL_WIDTH)  # 表四 in full-width digits
                return text

            add_table(d, rows, fill=fill)
            continue
        _, text, align = item
        if "right" in align:
            signature.append(text)
            continue
        p = d.add_paragraph()
        if is_heading(text):
            if text.startswith("五、"):
                p.add_run("五、").bold = True
                p.add_run().add_tab()
                add_runs(p, text[2:], bold=True)
            else:
                add_runs(p, text, bold=True)
            bid += 1
            bookmark(p, f"_Toc{bid}", bid)
        elif "青禾街道党政办公室联系" in text:
            head, tail = text.split("青禾街道党政办公室", 1)
            add_runs(p, head.replace("示例市云溪区人民政府门户网站", ""))
            # The preamble's site name is a hyperlink field, the office name a document property.
            a, b = text.split("示例市云溪区人民政府门户网站", 1)
            p.clear()
            add_runs(p, a)
            field_complex(p, 'HYPERLINK "http://www.example.gov.cn/"', "示例市云溪区人民政府门户网站")
            b1, b2 = b.split("青禾街道党政办公室", 1)
            add_runs(p, b1)
            field_simple(p, " DOCPROPERTY Company ", "青禾街道党政办公室")
            add_runs(p, b2)
        elif "政务新媒体" in text:
            # A soft hyphen Word shows only at a line end.
            at = text.index("政务新媒体") + 2
            add_runs(p, text[:at])
            p.add_run()._r.append(parse_xml(f"<w:softHyphen {W_NS}/>"))
            add_runs(p, text[at:])
        else:
            add_runs(p, text)
    text_box(d.add_paragraph(), signature)
    save(d, "qinghe-2025.docx")


def qinghe_numbered_one_table():
    """2021 format: headings numbered by Word (style and direct w:numPr), 表二 in one table with
    caption rows, a tracked change in the prose and in a figure, the title on two lines of one
    paragraph, numbered row labels in 表三."""
    items = parse("qinghe-2025.html")
    d = new_document()
    (outline,) = add_list(d, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    # Heading 1 carries the numbering in its style, as Word's 多级列表 linked to 标题 1 does.
    h1 = d.styles["Heading 1"].element
    h1.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:numId w:val="{outline}"/></w:numPr>'
    ))
    title = next(t for k, t, *_ in items if k == "title")
    agency, rest = title.split("2025", 1)
    p = centre(d.add_paragraph())
    add_runs(p, agency + "\n" + "2025" + rest, bold=True)
    tables = [t for t in items if t[0] == "table"]
    first_table = True
    for item in items:
        if item[0] == "title":
            continue
        if item[0] == "table":
            rows = item[1]
            is_two = rows[0][0][0].startswith("第二十条")
            if is_two:
                if not first_table:
                    continue
                first_table = False
                merged = [r for t in tables if t[1][0][0][0].startswith("第二十条") for r in t[1]]
                add_table(d, merged)
                continue
            if rows[0][0][2] == 3:  # 表三: number the row labels "1." … per group, via w:numPr
                groups = sum(1 for r in rows for c in r if c[0].startswith("（") and c[1] > 1)
                ids = add_list(d, [("decimal", "%1.")], overrides=[True] * groups)
                state = {"group": -1}

                def fill(text, ids=ids, state=state):
                    if text.startswith("（") and text[3:] in ("不予公开", "无法提供", "不予处理", "其他处理"):
                        state["group"] += 1
                    if text[:1].isdigit() and text[1:2] == ".":
                        def numbered(p, text=text):
                            number(p, ids[state["group"]])
                            add_runs(p, text[2:])
                        return numbered
                    if text == "11":
                        def changed(p):
                            tracked(p, "", "11", "10")
                        return changed
                    return text

                add_table(d, rows, fill=fill)
                continue
            add_table(d, rows)
            continue
        _, text, align = item
        if "right" in align:
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            add_runs(p, text)
        elif is_heading(text):
            add_runs(d.add_paragraph(style="Heading 1"), text[2:])
        elif is_sub_heading(text):
            p = d.add_paragraph()
            number(p, outline, 1)
            add_runs(p, text[3:])
        elif text.startswith("全年通过区政府门户网站"):
            at = text.index("214")
            tracked(d.add_paragraph(), text[:at], "214", "200", text[at + 3:])
        else:
            add_runs(d.add_paragraph(), text)
    save(d, "qinghe-2025-numbered.docx")


def xiaosha_nested():
    """2019 format (小沙街道 2020): the whole report inside a one-cell layout table, the tables of
    figures nested in it, as a page pasted into Word comes out."""
    items = parse("xiaosha-2020-gbk.html", encoding="gbk")
    d = new_document()
    layout = d.add_table(rows=1, cols=1)
    cell = layout.cell(0, 0)
    first = True
    title = "小沙街道政府信息公开工作2020年度报告"
    p = centre(cell.paragraphs[0])
    add_runs(p, title, bold=True)
    for item in items:
        if item[0] == "table":
            add_table(cell, item[1])
            cell.add_paragraph()
            continue
        if item[0] == "title":
            continue
        add_runs(cell.add_paragraph(), item[1], bold=is_heading(item[1]))
    save(d, "xiaosha-2020.docx")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    qinghe_separate_tables()
    qinghe_numbered_one_table()
    xiaosha_nested()
