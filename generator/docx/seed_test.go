package docx

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/model"
)

var (
	seedH1 = regexp.MustCompile(`^([一二三四五六七八九十]+、)(.*)$`)
	seedH2 = regexp.MustCompile(`^(（[一二三四五六七八九十]+）)(.*)$`)
)

// seedDocument builds the seed work summary (testdata/work-summary-2023.txt, a copy of
// ../shared/seed) by hand, the way the content parser will: the intro, three level-1
// sections, run-in （一） paragraphs split after their first 。, the signature and date.
func seedDocument(t testing.TB) *model.Document {
	t.Helper()
	data, err := os.ReadFile("testdata/work-summary-2023.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc := &model.Document{
		Title:      "XX旗统计局2023年工作总结及2024年工作计划",
		TitleLines: []string{"XX旗统计局", "2023年工作总结及2024年工作计划"},
		Author:     "XX旗统计局",
		Date:       model.Date{Year: 2024, Month: 1, Day: 10},
		Layout:     "report",
	}
	var h1, h2 *model.Section
	para := func(text string, n int) *model.Paragraph {
		pos := model.Pos{File: "work-summary-2023.txt", Line: n, Col: 1}
		return &model.Paragraph{Spans: []model.Span{{Text: text, Pos: pos}}, Pos: pos}
	}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		pos := model.Pos{File: "work-summary-2023.txt", Line: i + 1, Col: 1}
		switch {
		case seedH1.MatchString(line):
			m := seedH1.FindStringSubmatch(line)
			h1 = &model.Section{Level: 1, Number: m[1], Heading: m[2], Pos: pos}
			h2 = nil
			doc.Sections = append(doc.Sections, h1)
		case seedH2.MatchString(line) && h1 != nil:
			m := seedH2.FindStringSubmatch(line)
			head, rest, _ := strings.Cut(m[2], "。")
			h2 = &model.Section{Level: 2, Number: m[1], Heading: head + "。", RunIn: true, Pos: pos}
			p := para(rest, i+1)
			p.Lead = h2
			h2.Body = append(h2.Body, p)
			h1.Sections = append(h1.Sections, h2)
		case h2 != nil:
			h2.Body = append(h2.Body, para(line, i+1))
		case h1 != nil:
			h1.Body = append(h1.Body, para(line, i+1))
		default:
			doc.Intro = append(doc.Intro, para(line, i+1))
		}
	}
	return doc
}
