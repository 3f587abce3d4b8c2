// Command gongwen turns a TOML content file into a Chinese official document
// (公文) laid out by GB/T 9704-2012, as DOCX and PDF.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/layout"
)

const usage = `gongwen — 按 GB/T 9704-2012《党政机关公文格式》从 TOML 内容文件生成公文（DOCX 和 PDF）
gongwen turns a TOML content file into a GB/T 9704-2012 official document (DOCX + PDF).

用法 Usage:
  gongwen build 文件.toml [-o 目录] [--format pdf,docx]   生成 PDF 和 DOCX
  gongwen watch 文件.toml [-o 目录] [--format pdf,docx]   每次保存后自动重新生成
  gongwen check 文件.toml                                 检查标点、编号、数字、日期的写法
  gongwen import 文稿.txt|文稿.docx [-o 文件.toml]        把已有的文稿转成内容文件
  gongwen init [--preset 版式] 文件.toml                  新建一个带说明的内容文件
  gongwen fonts [--layout 版式]                            列出各字体角色使用的字体
  gongwen help [命令]                                      显示帮助

退出码 Exit status: 0 成功 success · 1 内容有误 content error · 2 用法有误 usage error
运行 "gongwen help build" 查看命令的选项。
`

// exit codes
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type command struct {
	name  string
	help  string
	flags func(*flag.FlagSet) func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", buildHelp, buildFlags},
		{"watch", watchHelp, watchFlags},
		{"check", checkHelp, checkFlags},
		{"import", importHelp, importFlags},
		{"init", initHelp, initFlags},
		{"fonts", fontsHelp, fontsFlags},
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	stdout, stderr = printable{stdout}, printable{stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	name, args := args[0], args[1:]
	switch name {
	case "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "help":
		if len(args) == 0 {
			fmt.Fprint(stdout, usage)
			return exitOK
		}
		for _, c := range commands() {
			if c.name == args[0] {
				fs := newFlagSet(c, stdout)
				c.flags(fs)
				fs.Usage()
				return exitOK
			}
		}
		fmt.Fprintf(stderr, "gongwen: 没有命令「%s」\n\n%s", args[0], usage)
		return exitUsage
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		fs := newFlagSet(c, stderr)
		do := c.flags(fs)
		pos, err := parseInterspersed(fs, args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return exitOK
		}
		if err != nil {
			return exitUsage
		}
		return do(pos, stdout, stderr)
	}
	fmt.Fprintf(stderr, "gongwen: 没有命令「%s」\n\n%s", name, usage)
	return exitUsage
}

// printable writes what it is given with the control characters shown as U+XXXX:
// messages quote the input, and a terminal must not obey an ESC or NUL from it.
type printable struct{ w io.Writer }

func (p printable) Write(b []byte) (int, error) {
	if _, err := io.WriteString(p.w, content.Printable(string(b))); err != nil {
		return 0, err
	}
	return len(b), nil
}

func newFlagSet(c command, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), c.help)
		fmt.Fprintln(fs.Output(), "\n选项 Options:")
		fs.PrintDefaults()
	}
	return fs
}

// parseInterspersed lets flags come before or after the file name, as in
// "gongwen build a.toml -o out".
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// listFlag collects a flag given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

const buildHelp = `用法 Usage: gongwen build 文件.toml [-o 目录] [--format pdf,docx]

把内容文件生成 目录/文件名.pdf 和 目录/文件名.docx（目录默认为内容文件所在目录）。
出错时不会创建或覆盖任何输出文件。
Builds DIR/NAME.pdf and DIR/NAME.docx from the content file; on an error no output file
is created or overwritten.
`

// outputFlags are the flags that build and watch share.
type outputFlags struct {
	out, format *string
	dirs        listFlag
	noSystem    *bool
}

func addOutputFlags(fs *flag.FlagSet) *outputFlags {
	o := &outputFlags{
		out:    fs.String("o", "", "输出目录 output folder (默认：内容文件所在目录)"),
		format: fs.String("format", "pdf,docx", "输出格式，逗号分隔 output formats: pdf, docx"),
	}
	fs.Var(&o.dirs, "font-dir", "额外的字体目录，可重复 extra font folder (repeatable)")
	o.noSystem = fs.Bool("bundled-fonts", false, "只用内置字体，不查找本机字体 use only the bundled fonts")
	return o
}

// check validates the arguments: one content file and known formats. It prints the
// problem and reports false on a usage error.
func (o *outputFlags) check(cmd, example string, args []string, stderr io.Writer) ([]generator.Format, bool) {
	if len(args) != 1 {
		fmt.Fprintf(stderr, "gongwen %s: 需要且只需要一个内容文件，例如：gongwen %s %s\n", cmd, cmd, example)
		return nil, false
	}
	formats, err := parseFormats(*o.format)
	if err != nil {
		fmt.Fprintf(stderr, "gongwen %s: %v\n", cmd, err)
		return nil, false
	}
	return formats, true
}

func buildFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	o := addOutputFlags(fs)
	return func(args []string, stdout, stderr io.Writer) int {
		formats, ok := o.check("build", "samples/work-summary-2023.toml", args, stderr)
		if !ok {
			return exitUsage
		}
		start := time.Now()
		b := generator.NewBuilder(o.dirs, !*o.noSystem)
		res, files, err := b.Build(args[0], *o.out, formats)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitContent
		}
		for _, f := range res.Fonts {
			if f.Note != "" && f.Origin != "内置字体" {
				fmt.Fprintf(stderr, "提示：%s\n", f.Note)
			}
		}
		for _, fb := range res.Fallbacks {
			fmt.Fprintf(stderr, "提示：%s: 「%c」（U+%04X）在%s字体中没有，改用%s字体\n", fb.Pos, fb.Rune, fb.Rune, fb.Want.Chinese(), fb.Got.Chinese())
		}
		for _, f := range files {
			fmt.Fprintf(stdout, "已生成 %s\n", f)
		}
		if res.Pages > 0 {
			fmt.Fprintf(stdout, "共 %d 页，用时 %d 毫秒\n", res.Pages, time.Since(start).Milliseconds())
		}
		return exitOK
	}
}

// parseFormats reads a --format value such as "pdf,docx".
func parseFormats(s string) ([]generator.Format, error) {
	var formats []generator.Format
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f != string(generator.PDF) && f != string(generator.DOCX) {
			return nil, fmt.Errorf("不支持的格式「%s」，可用：pdf、docx", f)
		}
		formats = append(formats, generator.Format(f))
	}
	return formats, nil
}

const fontsHelp = `用法 Usage: gongwen fonts [--layout 版式] [--font-dir 目录]

列出版式中每个字体角色（小标宋、仿宋、黑体、楷体、宋体）实际使用的字体文件及其来源：
指定文件、本机字体或 gongwen 内置的免费字体。
Lists which font file serves each role and where it came from.
`

func fontsFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	name := fs.String("layout", "report", "版式名称 layout preset: "+strings.Join(layout.Names(), ", "))
	var dirs listFlag
	fs.Var(&dirs, "font-dir", "额外的字体目录，可重复 extra font folder (repeatable)")
	noSystem := fs.Bool("bundled-fonts", false, "只用内置字体 use only the bundled fonts")
	return func(args []string, stdout, stderr io.Writer) int {
		if len(args) != 0 {
			fmt.Fprintln(stderr, "gongwen fonts: 不需要参数")
			return exitUsage
		}
		p, err := layout.Load(*name)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitUsage
		}
		choices, err := generator.NewBuilder(dirs, !*noSystem).Fonts(p)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitContent
		}
		for _, c := range choices {
			role := layout.Role(c.Role)
			fmt.Fprintf(stdout, "%s（%s）\t%s\t%s\t%s\n", role.Chinese(), role, c.Face.Family(), c.Origin, c.Path)
			fmt.Fprintf(stdout, "\tDOCX 字体名：%s\n", p.Fonts[role].Docx)
			if c.Note != "" {
				fmt.Fprintf(stdout, "\t%s\n", c.Note)
			}
		}
		return exitOK
	}
}
