package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/starter"
	"github.com/gongwen/gongwen/internal/safefile"
)

const initHelp = `用法 Usage: gongwen init [--preset 版式] 文件.toml

新建一个带中文说明的内容文件，照着改写即可。不会覆盖已有的文件。
Writes a commented starting content file for a layout preset; never overwrites a file.

例如 Example:
  gongwen init 工作总结.toml
  gongwen init --preset notice 通知.toml
`

func initFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	preset := fs.String("preset", "report", "`版式`名称 layout preset: "+strings.Join(layout.Names(), ", "))
	return func(args []string, stdout, stderr io.Writer) int {
		if len(args) != 1 {
			fmt.Fprintln(stderr, "gongwen init: 需要且只需要一个文件名，例如：gongwen init 工作总结.toml")
			return exitUsage
		}
		file := args[0]
		p, err := layout.Load(*preset)
		if err != nil {
			fmt.Fprintf(stderr, "gongwen init: %v\n", err)
			return exitUsage
		}
		text, err := starter.File(p, time.Now())
		if err != nil {
			fmt.Fprintf(stderr, "gongwen init: %v\n", err)
			return exitContent
		}
		// O_EXCL: the file is created here or not at all, never overwritten.
		f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			fmt.Fprintf(stderr, "gongwen init: 文件 %s 已经存在，没有改动它；请换一个文件名，或先删除这个文件\n", file)
			return exitUsage
		}
		if err != nil {
			fmt.Fprintf(stderr, "gongwen init: 无法创建文件 %s：%s\n", file, safefile.Reason(err))
			return exitContent
		}
		_, werr := f.Write(text)
		if err := errors.Join(werr, f.Close()); err != nil {
			os.Remove(file)
			fmt.Fprintf(stderr, "gongwen init: 无法写入 %s：%s\n", file, safefile.Reason(err))
			return exitContent
		}
		fmt.Fprintf(stdout, "已新建 %s（版式 %s：%s）\n", file, p.Name, p.Description)
		fmt.Fprintf(stdout, "用文本编辑器打开它，照着说明改写；然后运行：gongwen build %s\n", file)
		return exitOK
	}
}
