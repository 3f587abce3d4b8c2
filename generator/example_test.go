package generator_test

import (
	"bytes"
	"fmt"

	"github.com/gongwen/gongwen/generator"
)

// Render builds a document in memory; Build also writes the files.
func ExampleBuilder_Render() {
	src := []byte(`title = "XX局关于做好统计工作的通知"
author = "XX局"
date = 2024-01-05

[counts]
"培训" = { value = 3, unit = "期" }

[[section]]
heading = "加强业务培训"
text = """
全年举办业务培训{培训}。
"""
`)
	b := generator.NewBuilder(nil, false) // bundled fonts only: the same bytes on every machine
	out, err := b.Render("notice.toml", src, []generator.Format{generator.PDF, generator.DOCX})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.Pages, "page")
	fmt.Println(out.Doc.Sections[0].Number + out.Doc.Sections[0].Heading)
	fmt.Println(out.Doc.Sections[0].Body[0].Text())
	fmt.Println(bytes.HasPrefix(out.Files[generator.PDF], []byte("%PDF-")), bytes.HasPrefix(out.Files[generator.DOCX], []byte("PK")))
	// Output:
	// 1 page
	// 一、加强业务培训
	// 全年举办业务培训3期。
	// true true
}

// A content error names the file, line, column and field, in Chinese.
func ExampleBuilder_Render_error() {
	src := []byte("title = \"标题\"\nauthor = \"XX局\"\ndate = 2024-01-05\ntext = \"开展学习{学习}。\"\n")
	_, err := generator.NewBuilder(nil, false).Render("a.toml", src, []generator.Format{generator.PDF})
	fmt.Println(err)
	// Output:
	// a.toml:4:13: 未定义的计数「学习」（正文 text）
	//    4 | text = "开展学习{学习}。"
	//      |                 ^
	// 提示：在 [counts] 中加入 "学习" = { value = 9, unit = "次" }
	//       要印出花括号本身，请写成 {{ 和 }}
}
