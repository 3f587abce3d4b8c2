package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/importer"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/internal/safefile"
)

const importHelp = `用法 Usage: gongwen import 文稿.txt|文稿.docx [-o 文件.toml] [--counts] [--force]

把已有的文稿（纯文本 .txt 或 Word、WPS 的 .docx）转成 gongwen 的内容文件：标题、主送机关、
各级标题（一、（一）1.（1）：手写的编号去掉，由程序重新编号）、段首标题、正文段落，以及
末尾的署名和成文日期。纯文本每行一段；文稿没有标题、署名或日期时写空值（title = "" 等），不印占位文字。
.doc、.wps 文件若是 WPS 另存的 .docx 格式也能导入；旧的二进制格式请先另存为 .docx。
加 --counts 时，“开展学习9次”“100余次”这样的数字提取为计数，正文中改为引用。
默认写到当前目录下的“文稿名.toml”，不覆盖已有的文件：--force 只能覆盖 gongwen import 自己生成的
文件（第一行是“# 内容文件：由 gongwen import”），不能覆盖手写的内容文件；.toml 文件不能导入；-o - 写到屏幕。
转换后请先看文件开头“请检查”列出的各项，再运行 gongwen check 和 gongwen build。
Turns a plain-text or DOCX document into a content file; never overwrites a content
file: --force replaces only a file that import wrote.

例如 Example:
  gongwen import 工作总结.docx --counts        写出 工作总结.toml
`

func importFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	out := fs.String("o", "", "写到这个`文件`，- 为屏幕 output file, - for stdout（不写时：当前目录下的 文稿名.toml）")
	counts := fs.Bool("counts", false, "把活动次数（9次、100余次……）提取为计数 turn activity counts into named counts")
	force := fs.Bool("force", false, "覆盖已有的输出文件 overwrite an existing output file")
	return func(args []string, stdout, stderr io.Writer) int {
		if len(args) != 1 {
			fmt.Fprintln(stderr, "gongwen import: 需要且只需要一个文稿，例如：gongwen import 工作总结.txt")
			return exitUsage
		}
		input := args[0]
		if strings.EqualFold(filepath.Ext(input), ".toml") {
			fmt.Fprintf(stderr, "gongwen import: %s 已经是内容文件，不需要导入；请直接运行 gongwen check %s 或 gongwen build %s\n", input, input, input)
			return exitUsage
		}
		target := *out
		if target == "" {
			target = strings.TrimSuffix(filepath.Base(input), filepath.Ext(input)) + ".toml"
		}
		if target != "-" {
			if old, err := os.ReadFile(target); err == nil {
				switch {
				case !bytes.HasPrefix(old, []byte(importer.Marker)):
					// a content file the person wrote or changed the first line of
					fmt.Fprintf(stderr, "gongwen import: 文件 %s 已经存在，而且不是 gongwen import 生成的，不能覆盖（--force 也不行）；请用 -o 指定另一个文件名\n", target)
					return exitUsage
				case !*force:
					fmt.Fprintf(stderr, "gongwen import: 文件 %s 已经存在，没有覆盖；请用 -o 指定另一个文件名，或加 --force 覆盖（只能覆盖 gongwen import 生成的文件）\n", target)
					return exitUsage
				}
			}
		}
		data, err := safefile.ReadPath(input, maxImport)
		if err != nil {
			fmt.Fprintf(stderr, "无法读取文稿 %v\n", err)
			return exitContent
		}
		res, err := importer.File(input, data, importer.Options{Counts: *counts, Source: filepath.Base(input), Printable: fontsPrint()})
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", input, err)
			return exitContent
		}
		text := res.TOML()
		// What import writes must build; a file that does not parse is a bug here.
		if _, err := content.Parse(target, text); err != nil {
			fmt.Fprintf(stderr, "gongwen import: 转换结果有误（请报告这个问题）：\n%v\n", err)
			return exitContent
		}
		if target == "-" {
			stdout.Write(text)
			return exitOK
		}
		if err := generator.WriteFileAtomic(target, text); err != nil {
			fmt.Fprintln(stderr, err)
			return exitContent
		}
		for _, n := range res.Notes {
			fmt.Fprintf(stderr, "提示：%s\n", n)
		}
		fmt.Fprintf(stdout, "已生成 %s（%d 个一级章节，%d 个计数）\n", target, len(res.Doc.Sections), len(res.Doc.Counts))
		fmt.Fprintf(stdout, "下一步：检查文件开头的“请检查”各项，然后运行 gongwen check %s 和 gongwen build %s\n", target, target)
		return exitOK
	}
}

// maxImport is the largest document imported: a .docx with photographs may be tens
// of megabytes. Plain text is held to the content file's limit.
const maxImport = 64 << 20

// fontsPrint reports whether a font of the default layout, or one of its fallbacks,
// prints a character; nil when the fonts cannot be loaded (the build says why).
func fontsPrint() func(rune) bool {
	p, err := layout.Load(content.DefaultLayout)
	if err != nil {
		return nil
	}
	choices, err := generator.NewBuilder(nil, true).Fonts(p)
	if err != nil {
		return nil
	}
	return func(r rune) bool {
		for _, c := range choices {
			if c.Face != nil && c.Face.Has(r) {
				return true
			}
		}
		return false
	}
}
