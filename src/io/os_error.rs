//! What the operating system said, in Chinese: the clerk reads "磁盘空间已满", not "No space left
//! on device (os error 28)". Every message that carries an [`std::io::Error`] goes through
//! [`describe`].

use std::io::{Error, ErrorKind};

/// The error in Chinese, with the system's error code (or its own words, when it has no code) in
/// parentheses after it.
pub fn describe(error: &Error) -> String {
    let what = match error.kind() {
        ErrorKind::NotFound => "找不到这个文件或文件夹",
        ErrorKind::PermissionDenied => {
            "没有权限（文件可能是只读的、正被其他程序使用，或属于其他用户）"
        }
        ErrorKind::AlreadyExists => "同名文件已存在",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::NotADirectory => "路径中有一段不是文件夹",
        ErrorKind::DirectoryNotEmpty => "文件夹不是空的",
        ErrorKind::StorageFull => "磁盘空间已满",
        ErrorKind::QuotaExceeded => "超出了磁盘配额",
        ErrorKind::ReadOnlyFilesystem => "磁盘是只读的（例如写保护的 U 盘或光盘）",
        ErrorKind::FileTooLarge => "文件太大",
        ErrorKind::InvalidFilename => "文件名不合法或太长",
        ErrorKind::InvalidInput => "路径或文件名不合法",
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => "文件正被其他程序使用",
        ErrorKind::CrossesDevices => "不能跨磁盘移动文件",
        ErrorKind::TooManyLinks => "链接太多",
        ErrorKind::UnexpectedEof => "文件不完整（读到一半就结束了）",
        ErrorKind::InvalidData => "文件内容无效",
        ErrorKind::Interrupted => "操作被中断",
        ErrorKind::TimedOut | ErrorKind::WouldBlock => "操作超时",
        ErrorKind::OutOfMemory => "内存不足",
        ErrorKind::Unsupported => "系统不支持这个操作",
        ErrorKind::NotSeekable => "这不是普通文件",
        ErrorKind::StaleNetworkFileHandle
        | ErrorKind::NetworkDown
        | ErrorKind::NetworkUnreachable
        | ErrorKind::HostUnreachable
        | ErrorKind::ConnectionAborted
        | ErrorKind::ConnectionReset
        | ErrorKind::ConnectionRefused
        | ErrorKind::NotConnected
        | ErrorKind::BrokenPipe => "网络或管道连接中断",
        _ => "系统报告了错误",
    };
    match error.raw_os_error() {
        Some(code) => format!("{what}（系统错误代码 {code}）"),
        // An error made by a program rather than the system: ours are Chinese sentences that
        // say it all; another program's words are the detail.
        None if error.get_ref().is_some() => {
            let said = error.to_string();
            if said.is_ascii() {
                format!("{what}（{said}）")
            } else {
                said
            }
        }
        None => what.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_errors_read_in_chinese_with_the_code_after() {
        let full = Error::from_raw_os_error(if cfg!(windows) { 112 } else { 28 });
        let text = describe(&full);
        assert!(text.starts_with("磁盘空间已满（系统错误代码 "), "{text}");
        assert!(!text.contains("space"), "{text}");
        let missing = std::fs::read("/nonexistent/nianbao/报告.ron").unwrap_err();
        let text = describe(&missing);
        assert!(text.starts_with("找不到这个文件或文件夹（"), "{text}");
        assert!(!text.contains("os error"), "{text}");
        assert_eq!(
            describe(&Error::from(ErrorKind::IsADirectory)),
            "这是一个文件夹，不是文件"
        );
        let ours = Error::new(ErrorKind::PermissionDenied, "文件被设为只读");
        assert_eq!(describe(&ours), "文件被设为只读");
        let theirs = Error::other("handle closed");
        assert_eq!(describe(&theirs), "系统报告了错误（handle closed）");
    }
}
