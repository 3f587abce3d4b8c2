// Package testdoc makes documents for tests and benchmarks: documents of any length
// built from the seed work summary's paragraphs, and the bundled fonts.
package testdoc

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
	"github.com/gongwen/gongwen/generator/typeset"
)

// Root is the repository's root folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// SeedText returns the seed work summary's paragraphs (testdata/ holds a copy of
// ../shared/seed/work-summary-2023.txt, so tests run the same in any clone).
func SeedText() ([]string, error) {
	src, err := os.ReadFile(filepath.Join(Root(), "testdata", "work-summary-2023.txt"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(src), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

// Generated builds a document of about n pages: level-1 sections with run-in
// level-2 sections whose paragraphs mix the seed's sentences with counts,
// percentages and years.
func Generated(n int) *model.Document {
	seed, err := SeedText()
	if err != nil {
		panic(err)
	}
	var paras []string
	for _, p := range seed {
		if len([]rune(p)) > 60 {
			paras = append(paras, p)
		}
	}
	doc := &model.Document{Title: "XX旗统计局关于2023年统计工作情况的报告", Author: "XX旗统计局",
		Date: model.Date{Year: 2024, Month: 1, Day: 10}}
	chars := 0
	for i := 1; chars < n*22*27; i++ {
		s1 := &model.Section{Level: 1, Number: model.Number(1, i), Heading: "坚持党建引领，推动统计工作高质量发展"}
		doc.Sections = append(doc.Sections, s1)
		for j := 1; j <= 4 && chars < n*22*27; j++ {
			s2 := &model.Section{Level: 2, Number: model.Number(2, j), Heading: "扎实开展主题教育。", RunIn: true}
			p := paras[(i*4+j)%len(paras)]
			extra := fmt.Sprintf("全年开展学习%d次，覆盖%d.5%%的党员，第%d次会议于%d年召开。", i*j, j, i, 2000+i)
			s2.Body = []*model.Paragraph{{Lead: s2, Spans: []model.Span{{Text: p}, {Text: extra}}}}
			s1.Sections = append(s1.Sections, s2)
			chars += len([]rune(p)) + len([]rune(extra)) + 12
		}
	}
	return doc
}

// Preset loads the report preset.
func Preset() *layout.Preset {
	p, err := layout.Load("report")
	if err != nil {
		panic(err)
	}
	return p
}

// Fonts resolves every role of p to the bundled fonts only, so tests do not depend on
// the machine's fonts.
func Fonts(p *layout.Preset) (map[layout.Role]*fonts.Face, error) {
	r := fonts.NewResolver(nil, false)
	out := map[layout.Role]*fonts.Face{}
	for role, fr := range p.Fonts {
		c, err := r.Resolve(fonts.Request{Role: string(role), Names: fr.Names, Bundled: fr.Bundled})
		if err != nil {
			return nil, err
		}
		out[role] = c.Face
	}
	return out, nil
}

// Typeset lays doc out with the bundled fonts, as the PDF of a build does.
func Typeset(doc *model.Document, p *layout.Preset) (*typeset.Result, error) {
	f, err := TypesetFonts(p)
	if err != nil {
		return nil, err
	}
	return typeset.Typeset(doc, p, f)
}

// TypesetFonts are the bundled fonts of p's roles, for the typesetter.
func TypesetFonts(p *layout.Preset) (typeset.Fonts, error) {
	faces, err := Fonts(p)
	if err != nil {
		return nil, err
	}
	f := typeset.Fonts{}
	for r, face := range faces {
		f[r] = face
	}
	return f, nil
}

// Sample parses samples/NAME.toml and loads its preset.
func Sample(name string) (*model.Document, *layout.Preset, error) {
	src, err := os.ReadFile(filepath.Join(Root(), "samples", name+".toml"))
	if err != nil {
		return nil, nil, err
	}
	doc, err := content.Parse(name+".toml", src)
	if err != nil {
		return nil, nil, err
	}
	p, err := layout.Load(doc.Layout)
	if err != nil {
		return nil, nil, err
	}
	return doc, p, nil
}
