// Command gongwen turns a TOML content file into a Chinese official document
// (公文) laid out by GB/T 9704-2012, as DOCX and PDF.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/lint"
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
  gongwen edit [文件.toml | 文件夹]                        在浏览器中编辑、预览和打印（公文工作台）
  gongwen version                                          显示版本号
  gongwen help [命令]                                      显示帮助

例如 Example:
  gongwen build samples/work-summary-2023.toml            生成示例公文的 PDF 和 DOCX

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
	restore := setupConsole()
	var code int
	if len(os.Args) == 1 && startedWithoutTerminal() {
		// Double-clicked in Explorer, Finder or a file manager: no one reads a terminal.
		code = openWorkbench(os.Stdout, os.Stderr)
	} else {
		code = run(os.Args[1:], os.Stdout, os.Stderr)
	}
	restore()
	os.Exit(code)
}

// openWorkbench is what a double-click starts: the workbench of the folder the
// program stands in (its samples folder, in an unzipped download), in the default
// browser, until the window that started it is closed.
func openWorkbench(stdout, stderr io.Writer) int {
	dir := "."
	if exe, err := os.Executable(); err == nil {
		dir = filepath.Dir(exe)
		// an unzipped download: the samples are the documents to start from
		if own, _ := filepath.Glob(filepath.Join(dir, "*.toml")); len(own) == 0 {
			if st, err := os.Stat(filepath.Join(dir, "samples")); err == nil && st.IsDir() {
				dir = filepath.Join(dir, "samples")
			}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveWorkbench(ctx, dir, "127.0.0.1:0", true, true, stdout, stderr)
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
		{"edit", editHelp, editFlags},
		{"version", versionHelp, versionFlags},
		{"help", helpHelp, helpFlags},
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
	case "-v", "--version", "-version":
		return printVersion(stdout)
	}
	c, ok := lookup(name)
	if !ok {
		unknownCommand(name, stderr)
		return exitUsage
	}
	fs := newFlagSet(c, io.Discard) // the flag package's own messages are English
	do := c.flags(fs)
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "gongwen %s: %s\n运行 gongwen help %s 查看可用的选项和例子。\n", c.name, flagError(fs, err), c.name)
		return exitUsage
	}
	return do(pos, stdout, stderr)
}

// flagError says in Chinese what is wrong with an option, suggesting the closest one
// for a misspelt name.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		name = strings.TrimLeft(name, "-")
		s := "没有选项「" + dashed(name) + "」"
		if m := content.Suggest(name, names); m != "" {
			s += "，您是不是想写 " + dashed(m) + "？"
		}
		return s
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		name = dashed(strings.TrimLeft(name, "-"))
		return "选项「" + name + "」后面要写一个值"
	}
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		return "选项的值不对：" + rest
	}
	return msg
}

// dashed writes an option name as it is typed: -o, --format.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// lookup finds a command by name.
func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// unknownCommand says that name is no command, and which one was probably meant.
func unknownCommand(name string, stderr io.Writer) {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	fmt.Fprintf(stderr, "gongwen: 没有命令「%s」", name)
	if s := content.Suggest(name, names); s != "" {
		fmt.Fprintf(stderr, "，您是不是想写 gongwen %s？\n", s)
	} else {
		fmt.Fprintf(stderr, "\n\n%s", usage)
	}
}

const helpHelp = `用法 Usage: gongwen help [命令]

不写命令时显示所有命令的简要说明；写了命令时显示这个命令的用法、选项和例子。
Without a command, lists the commands; with one, shows its usage, options and an example.

例如 Example:
  gongwen help build
`

func helpFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	return func(args []string, stdout, stderr io.Writer) int {
		switch len(args) {
		case 0:
			fmt.Fprint(stdout, usage)
			return exitOK
		case 1:
		default:
			fmt.Fprintln(stderr, "gongwen help: 只写一个命令，例如：gongwen help build")
			return exitUsage
		}
		c, ok := lookup(args[0])
		if !ok {
			unknownCommand(args[0], stderr)
			return exitUsage
		}
		h := newFlagSet(c, stdout)
		c.flags(h)
		h.Usage()
		return exitOK
	}
}

func versionFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	return func(args []string, stdout, stderr io.Writer) int {
		if len(args) != 0 {
			fmt.Fprintln(stderr, "gongwen version: 不需要参数")
			return exitUsage
		}
		return printVersion(stdout)
	}
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
		printOptions(fs)
	}
	return fs
}

// printOptions lists the options the way they are typed: --name for words, -o for a
// letter; the placeholder is the `quoted` word of the usage text.
func printOptions(fs *flag.FlagSet) {
	w := fs.Output()
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprintln(w, "\n选项 Options:")
			first = false
		}
		arg, text := flag.UnquoteUsage(f)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			arg = ""
		}
		line := "  " + dashed(f.Name)
		if arg != "" {
			line += " " + arg
		}
		fmt.Fprintf(w, "%s\n      %s", line, text)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" {
			fmt.Fprintf(w, "（默认 default: %s）", f.DefValue)
		}
		fmt.Fprintln(w)
	})
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

例如 Example:
  gongwen build samples/work-summary-2023.toml -o out
  gongwen build "年度 工作总结.toml" --format pdf     文件名有空格时加英文双引号
  gongwen build 工作总结.toml --format pdf,docx,ofd    另生成 OFD 版式文件（电子公文交换、归档用）
`

// outputFlags are the flags that build and watch share.
type outputFlags struct {
	out, format *string
	dirs        listFlag
	noSystem    *bool
}

func addOutputFlags(fs *flag.FlagSet) *outputFlags {
	o := &outputFlags{
		out:    fs.String("o", "", "写到这个`目录` output folder（不写时：内容文件所在目录）"),
		format: fs.String("format", "pdf,docx", "输出`格式`，逗号分隔 output formats: pdf, docx, ofd"),
	}
	fs.Var(&o.dirs, "font-dir", "额外的字体`目录`，可写多次 extra font folder (repeatable)")
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
		if ps := lint.Placeholders(res.Doc); len(ps) > 0 {
			fmt.Fprintf(stderr, "警告：%s 里还有占位文字「%s」，会原样印出；请改为实际内容（gongwen check 列出位置）\n", args[0], strings.Join(ps, "」「"))
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
		if f != string(generator.PDF) && f != string(generator.DOCX) && f != string(generator.OFD) {
			return nil, fmt.Errorf("不支持的格式「%s」，可用：pdf、docx、ofd", f)
		}
		formats = append(formats, generator.Format(f))
	}
	return formats, nil
}

const fontsHelp = `用法 Usage: gongwen fonts [--layout 版式] [--font-dir 目录]

列出版式中每个字体角色（小标宋、仿宋、黑体、楷体、宋体）实际使用的字体文件及其来源：
指定文件、本机字体或 gongwen 内置的免费字体。
Lists which font file serves each role and where it came from.

例如 Example:
  gongwen fonts
  gongwen fonts --layout notice --font-dir 我的字体
`

func fontsFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	name := fs.String("layout", "report", "`版式`名称 layout preset: "+strings.Join(layout.Names(), ", "))
	var dirs listFlag
	fs.Var(&dirs, "font-dir", "额外的字体`目录`，可写多次 extra font folder (repeatable)")
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
