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
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// Root is the repository's root folder.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// SeedText returns the seed work summary's paragraphs, from ../shared/seed.
func SeedText() ([]string, error) {
	src, err := os.ReadFile(filepath.Join(Root(), "..", "shared", "seed", "work-summary-2023.txt"))
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

// paragraphs are body paragraphs in the seed's style, used when the seed text is not
// available (the seed lives outside the repository).
var paragraphs = []string{
	"统计局坚决把思想和行动统一到习近平总书记重要讲话精神和旗委、政府决策部署上来，高标准高质量开展学习贯彻习近平新时代中国特色社会主义思想主题教育，教育引导全体干部用党的创新理论固本培元、凝心铸魂。",
	"一是加强组织领导，制定了工作方案，成立以党组书记为组长，党组成员为副组长的主题教育领导小组，及时召开会议安排部署并开展工作。二是组织开展专题学习会，组织党员集中学习重要讲话、重要会议精神。",
	"三是开展“双随机、一公开”统计执法检查，加强对源头数据的核查，深入重点企业（项目）开展数据核查及一对一业务指导，从源头上堵塞了“统计造假”、“数字政绩”等问题的发生。",
	"四是加强统计普法宣传工作，充分利用新媒体平台、标语、宣传栏等多形式、广泛宣传《统计法》及其《实施细则》，既宣传认真贯彻执行《统计法》好的典型，也曝光违反《统计法》而受到处罚的典型案例；结合“八五”普法工作要点，以统计调查、人口抽样调查等工作为契机——开展第五次全国经济普查宣传活动……",
}

// Generated builds a document of about n pages: level-1 sections with run-in
// level-2 sections whose paragraphs mix the seed's sentences with counts,
// percentages and years.
func Generated(n int) *model.Document {
	paras := paragraphs
	if seed, err := SeedText(); err == nil {
		paras = nil
		for _, p := range seed {
			if len([]rune(p)) > 60 {
				paras = append(paras, p)
			}
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
