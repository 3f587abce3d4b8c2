package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// version is set by tools/dist (-ldflags "-X main.version=1.2.0"); a plain `go build`
// leaves it empty and the module version or "开发版" is shown instead.
var version string

// buildInfo is what `gongwen version` prints.
type buildInfo struct {
	Version, Commit, Date string
	Modified              bool
}

// readBuildInfo reads the version from the linker flag and the commit and its date
// from the VCS stamp the go command writes into the binary (-buildvcs).
func readBuildInfo() buildInfo {
	bi := buildInfo{Version: version}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return bi
	}
	if bi.Version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		bi.Version = strings.TrimPrefix(info.Main.Version, "v")
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			bi.Commit = s.Value
		case "vcs.time":
			bi.Date = s.Value
		case "vcs.modified":
			bi.Modified = s.Value == "true"
		}
	}
	return bi
}

// String prints the version the way `gongwen version` shows it.
func (bi buildInfo) String() string {
	v := bi.Version
	if v == "" {
		v = "开发版 (devel)"
	}
	commit := bi.Commit
	if commit == "" {
		commit = "未知 unknown"
	} else if bi.Modified {
		commit += "（含未提交的修改 modified）"
	}
	date := bi.Date
	if date == "" {
		date = "未知 unknown"
	}
	return fmt.Sprintf("gongwen %s\n提交 commit: %s\n日期 date:   %s\n平台 built for: %s/%s, %s\n",
		v, commit, date, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

const versionHelp = `用法 Usage: gongwen version（或 gongwen --version）

显示 gongwen 的版本号、构建它的提交（commit）和提交日期。报告问题时请附上这几行。
Prints the version, the commit it was built from and the commit's date.

例如 Example:
  gongwen version
`

func printVersion(stdout io.Writer) int {
	fmt.Fprint(stdout, readBuildInfo())
	return exitOK
}
