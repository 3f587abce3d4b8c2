package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/lint"
	"github.com/gongwen/gongwen/internal/safefile"
)

const checkHelp = `用法 Usage: gongwen check 文件.toml [文件.toml ...]

按公文的写作规范检查内容文件，每处问题一行：文件:行:列: 规则: 说明，下面是那一行和改法。
检查：中文里的半角标点（, ; : ? ! ( ) "）、标题里手写的编号、标题末尾的标点（单独成行的标题
不加句号，段首标题以句号结尾）、引号和括号是否配对、引号之间的顿号（警告）、全角数字、
与计数相同的数字（警告：应写成 {引用}）、没有引用的计数（警告）、日期的写法（2024年1月5日）。
有错误时退出码为 1；只有警告时为 0。
Checks a content file against the conventions of 公文 writing; exit 1 when it finds errors.

例如 Example:
  gongwen check 工作总结.toml
`

func checkFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	var dirs listFlag
	fs.Var(&dirs, "font-dir", "额外的字体目录，可重复 extra font folder (repeatable)")
	noSystem := fs.Bool("bundled-fonts", false, "只用内置字体，不查找本机字体 use only the bundled fonts")
	return func(args []string, stdout, stderr io.Writer) int {
		if len(args) == 0 {
			fmt.Fprintln(stderr, "gongwen check: 需要至少一个内容文件，例如：gongwen check 工作总结.toml")
			return exitUsage
		}
		code := exitOK
		b := generator.NewBuilder(dirs, !*noSystem)
		for _, file := range args {
			if !checkFile(b, file, stdout, stderr) {
				code = exitContent
			}
		}
		return code
	}
}

// checkFile checks one file, prints the findings and a summary, and reports
// whether the file is free of errors. Besides the writing conventions it runs every
// check a build runs — the layout loads, the fonts print every character, the seal
// reads — by building the document in memory, so "没有发现问题" means it builds.
func checkFile(b *generator.Builder, file string, stdout, stderr io.Writer) bool {
	src, err := safefile.ReadPath(file, content.MaxFileSize)
	if err != nil {
		fmt.Fprintf(stderr, "无法读取内容文件 %v\n", err)
		return false
	}
	findings, err := lint.Check(file, src)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return false
	}
	lines := strings.Split(strings.ReplaceAll(strings.TrimPrefix(string(src), "\ufeff"), "\r\n", "\n"), "\n")
	for _, f := range findings {
		// content.Error prints the source line with a caret under the character.
		e := &content.Error{Pos: f.Pos, Msg: strings.TrimPrefix(f.String(), f.Pos.String()+": "), Hint: f.Hint}
		if n := f.Pos.Line; n >= 1 && n <= len(lines) {
			e.Source = lines[n-1]
		}
		fmt.Fprintf(stdout, "%s\n\n", e)
	}
	errs := lint.Errors(findings)
	warnings := len(findings) - errs
	if _, err := b.Render(file, src, []generator.Format{generator.PDF, generator.DOCX}); err != nil {
		fmt.Fprintf(stdout, "%v\n\n", err)
		errs++
		if es, ok := err.(content.Errors); ok {
			errs += len(es) - 1
		}
	}
	if errs+warnings == 0 {
		fmt.Fprintf(stdout, "%s：没有发现问题\n", file)
	} else {
		fmt.Fprintf(stdout, "%s：%d 处错误，%d 处警告\n", file, errs, warnings)
	}
	return errs == 0
}
