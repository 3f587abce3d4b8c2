package content_test

import (
	"fmt"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/model"
)

func ExampleParse() {
	src := `title = "XX局2023年工作总结"
author = "XX局"
date = 2024-01-10

[counts]
"学习" = { value = 9, unit = "次", category = "主题教育" }

[[section]]
heading = "强化党建引领"

  [[section.section]]
  lead = "扎实开展主题教育。"
  text = """
共开展学习{学习}。

第二段。
"""
`
	doc, err := content.Parse("example.toml", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Title, doc.Author, doc.Date)
	for _, b := range doc.Blocks() {
		switch b := b.(type) {
		case *model.Heading:
			fmt.Println(b.Number + b.Heading)
		case *model.Paragraph:
			if b.Lead != nil {
				fmt.Print(b.Lead.Number + b.Lead.Heading)
			}
			fmt.Println(b.Text(), "@", b.Pos)
		}
	}
	// Output:
	// XX局2023年工作总结 XX局 2024年1月10日
	// 一、强化党建引领
	// （一）扎实开展主题教育。共开展学习9次。 @ example.toml:14:1
	// 第二段。 @ example.toml:16:1
}

func ExampleError() {
	src := `title = "XX局2023年工作总结"
author = "XX局"
date = 2024-01-10
text = "开展专题研讨{专题研讨}。"
`
	_, err := content.Parse("example.toml", []byte(src))
	fmt.Println(err)
	if e, ok := err.(*content.Error); ok {
		fmt.Println(e.Pos.Line, e.Pos.Col, e.Field)
	}
	// Output:
	// example.toml:4:15: 未定义的计数「专题研讨」（正文 text）
	//    4 | text = "开展专题研讨{专题研讨}。"
	//      |                     ^
	// 提示：在 [counts] 中加入 "专题研讨" = { value = 9, unit = "次" }
	//       要印出花括号本身，请写成 {{ 和 }}
	// 4 15 text
}
