package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
)

// levelsDocument has every element the writer knows: title, 主送机关, an intro with
// quotes, dash and ellipsis, all four heading levels (standalone and run-in), a count
// in the text, 署名 and 成文日期.
func levelsDocument() *model.Document {
	count := &model.Count{Name: "学习", Value: 9, Unit: "次"}
	s4 := &model.Section{Level: 4, Number: "（1）", Heading: "第四层段首标题。", RunIn: true}
	s4.Body = []*model.Paragraph{{Lead: s4, Spans: []model.Span{{Text: "第四层正文。"}}}}
	s3 := &model.Section{Level: 3, Number: "1.", Heading: "第三层标题", Sections: []*model.Section{s4}}
	s3.Body = []*model.Paragraph{{Spans: []model.Span{{Text: "第三层正文。"}}}}
	s2 := &model.Section{Level: 2, Number: "（一）", Heading: "第二层段首标题。", RunIn: true, Sections: []*model.Section{s3}}
	s2.Body = []*model.Paragraph{{Lead: s2, Spans: []model.Span{{Text: "共开展学习"}, {Text: count.Format(), Count: count}, {Text: "。"}}}}
	s1 := &model.Section{Level: 1, Number: "一、", Heading: "第一层标题", Sections: []*model.Section{s2}}
	return &model.Document{
		Title:     "XX旗统计局关于统计工作的报告",
		Recipient: "旗委、旗政府：",
		Author:    "XX旗统计局",
		Date:      model.Date{Year: 2024, Month: 1, Day: 5},
		Counts:    []*model.Count{count},
		Intro:     []*model.Paragraph{{Spans: []model.Span{{Text: "开头“引号”——破折号……省略号。"}}}},
		Sections:  []*model.Section{s1},
	}
}

// wantRun is one expected run: its character style, font role and text.
type wantRun struct {
	style string
	role  layout.Role
	text  string
}

func TestParagraphs(t *testing.T) {
	p := report(t)
	doc := levelsDocument()
	body := p.Body.Role
	tests := []struct {
		what   string
		pStyle string // "" = Normal
		runs   []wantRun
	}{
		{"title", styleTitle, []wantRun{{"", p.Title.Role, doc.Title}}},
		{"recipient", styleRecipient, []wantRun{{"", p.Recipient.Role, "旗委、旗政府："}}},
		{"intro", "", []wantRun{{"", body, "开头“引号”——破折号……省略号。"}}},
		{"level 1 standalone", styleHeading(1), []wantRun{{"", p.Heading1.Role, "一、第一层标题"}}},
		{"level 2 run-in", styleRunIn(2), []wantRun{{styleHeadingChar(2), p.Heading2.Role, "（一）第二层段首标题。"}, {"", body, "共开展学习9次。"}}},
		{"level 3 standalone", styleHeading(3), []wantRun{{"", p.Heading3.Role, "1.第三层标题"}}},
		{"level 3 body", "", []wantRun{{"", body, "第三层正文。"}}},
		{"level 4 run-in", styleRunIn(4), []wantRun{{styleHeadingChar(4), p.Heading4.Role, "（1）第四层段首标题。"}, {"", body, "第四层正文。"}}},
		{"署名", styleSignature, []wantRun{{"", p.Signature.Role, "XX旗统计局"}}},
		{"成文日期", styleSignature, []wantRun{{"", p.Signature.Role, "2024年1月5日"}}},
	}
	paras := write(t, doc, p).xml(t, "word/document.xml").all("p")
	if len(paras) != len(tests) {
		t.Fatalf("%d paragraphs, want %d", len(paras), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			para := paras[i]
			if got := para.path("pPr", "pStyle").val(); got != tt.pStyle {
				t.Errorf("paragraph style %q, want %q", got, tt.pStyle)
			}
			runs := para.all("r")
			if len(runs) != len(tt.runs) {
				t.Fatalf("%d runs, want %d", len(runs), len(tt.runs))
			}
			for j, want := range tt.runs {
				r := runs[j]
				if got := r.path("rPr", "rStyle").val(); got != want.style {
					t.Errorf("run %d: character style %q, want %q", j, got, want.style)
				}
				f := p.Fonts[want.role]
				fonts := r.path("rPr", "rFonts")
				for attr, name := range map[string]string{"eastAsia": f.Docx, "ascii": f.Docx, "hAnsi": f.Docx, "cs": f.Docx, "hint": "eastAsia"} {
					if got, _ := fonts.attr(attr); got != name {
						t.Errorf("run %d: rFonts %s=%q, want %q", j, attr, got, name)
					}
				}
				if got := r.texts(); got != want.text {
					t.Errorf("run %d: text %q, want %q", j, got, want.text)
				}
			}
		})
	}
}

// TestFallbackRuns: a character the role's font lacks is a run of its own that names the
// fallback font the PDF draws it with; the character style of a run-in heading stays.
func TestFallbackRuns(t *testing.T) {
	p := report(t)
	s2 := &model.Section{Level: 2, Number: "（一）", Heading: "王𬌗的事迹。", RunIn: true}
	s2.Body = []*model.Paragraph{{Lead: s2, Spans: []model.Span{{Text: "他扎根基层。"}}}}
	doc := &model.Document{
		Title:    "关于表彰王𬌗同志儽的通知",
		Author:   "XX旗王𬌗嘎查",
		Date:     model.Date{Year: 2024, Month: 1, Day: 5},
		Intro:    []*model.Paragraph{{Spans: []model.Span{{Text: "王𬌗同志说：„好“。"}}}},
		Sections: []*model.Section{{Level: 1, Number: "一、", Heading: "主要事迹", Sections: []*model.Section{s2}}},
	}
	body, kai := p.Body.Role, p.Heading2.Role
	song, last := layout.SongTi, layout.LastResort
	tests := [][]wantRun{
		{{"", p.Title.Role, "关于表彰王𬌗同志"}, {"", last, "儽"}, {"", p.Title.Role, "的通知"}}, // 小标宋 has 𬌗
		{{"", body, "王"}, {"", song, "𬌗"}, {"", body, "同志说："}, {"", last, "„"}, {"", body, "好“。"}},
		{{"", p.Heading1.Role, "一、主要事迹"}},
		{{styleHeadingChar(2), kai, "（一）王"}, {styleHeadingChar(2), song, "𬌗"}, {styleHeadingChar(2), kai, "的事迹。"}, {"", body, "他扎根基层。"}},
		{{"", body, "XX旗王"}, {"", song, "𬌗"}, {"", body, "嘎查"}},
		{{"", body, "2024年1月5日"}},
	}
	paras := write(t, doc, p).xml(t, "word/document.xml").all("p")
	if len(paras) != len(tests) {
		t.Fatalf("%d paragraphs, want %d", len(paras), len(tests))
	}
	for i, want := range tests {
		runs := paras[i].all("r")
		var got []wantRun
		for _, r := range runs {
			fonts := r.path("rPr", "rFonts")
			role := layout.Role("?")
			for _, c := range []layout.Role{body, kai, p.Title.Role, p.Heading1.Role, song, last} {
				f := p.Fonts[c]
				if fonts.attrOr("eastAsia") == f.Docx && fonts.attrOr("ascii") == latinFont(f) && fonts.attrOr("hAnsi") == latinFont(f) {
					role = c
					break
				}
			}
			got = append(got, wantRun{r.path("rPr", "rStyle").val(), role, r.texts()})
		}
		// 补字宋体 is named 宋体 in the DOCX, as the 宋体 role is
		for j := range want {
			if want[j].role == last {
				want[j].role = song
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("paragraph %d: runs\n%v\nwant\n%v", i, got, want)
		}
	}
}

func TestTitleLines(t *testing.T) {
	doc := seedDocument(t)
	title := write(t, doc, report(t)).xml(t, "word/document.xml").all("p")[0]
	r := title.all("r")
	if len(r) != 1 {
		t.Fatalf("title has %d runs, want 1", len(r))
	}
	var parts []string
	for _, c := range r[0].children {
		switch c.name {
		case "t":
			parts = append(parts, c.text)
		case "br":
			parts = append(parts, "|")
		}
	}
	if got, want := strings.Join(parts, ""), strings.Join(doc.TitleLines, "|"); got != want {
		t.Errorf("title %q, want the author's lines %q with forced breaks", got, want)
	}
}

// TestSeedText: every paragraph of the seed is one paragraph of the DOCX, in order,
// and its run-in headings are two runs: 楷体 heading, then 仿宋 body.
func TestSeedText(t *testing.T) {
	p := report(t)
	doc := seedDocument(t)
	// the body's own paragraphs: not the cells of the 附表
	var paras []*node
	for _, c := range write(t, doc, p).xml(t, "word/document.xml").child("body").children {
		if c.name == "p" {
			paras = append(paras, c)
		}
	}
	// after the date: per 附表 its label and title (and unit line), and the closing paragraph
	appendix := 1
	for _, tb := range doc.Appendix {
		appendix += 2
		if tb.Unit != "" {
			appendix++
		}
	}
	data, err := os.ReadFile(seedSource)
	if err != nil {
		t.Fatal(err)
	}
	var seed []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			seed = append(seed, l)
		}
	}
	// title, then the text, then 署名 and 日期, then the 附表
	if len(paras) != 1+len(seed)+2+appendix {
		t.Fatalf("%d paragraphs, want %d", len(paras), 1+len(seed)+2+appendix)
	}
	runIn := 0
	for i, want := range seed {
		para := paras[1+i]
		if got := para.texts(); got != want {
			t.Errorf("paragraph %d: %q…, want %q…", i+1, head(got), head(want))
		}
		if para.path("pPr", "pStyle").val() != styleRunIn(2) {
			continue
		}
		runIn++
		runs := para.all("r")
		if len(runs) != 2 {
			t.Errorf("run-in paragraph %q…: %d runs, want 2", head(want), len(runs))
			continue
		}
		lead, _ := runs[0].path("rPr", "rFonts").attr("eastAsia")
		rest, _ := runs[1].path("rPr", "rFonts").attr("eastAsia")
		if lead != p.Fonts[p.Heading2.Role].Docx || rest != p.Fonts[p.Body.Role].Docx {
			t.Errorf("run-in paragraph %q…: fonts %s + %s, want %s + %s", head(want), lead, rest,
				p.Fonts[p.Heading2.Role].Docx, p.Fonts[p.Body.Role].Docx)
		}
		if h := runs[0].texts(); !strings.HasPrefix(h, "（") || !strings.HasSuffix(h, "。") {
			t.Errorf("run-in heading %q: want （…）…。", h)
		}
	}
	if runIn != 7 {
		t.Errorf("%d run-in （一） paragraphs, the seed has 7", runIn)
	}
}

func head(s string) string {
	r := []rune(s)
	if len(r) > 12 {
		r = r[:12]
	}
	return string(r)
}

// TestStyles: every style the issue asks for exists, with the preset's fonts and sizes,
// outline levels on the headings and the style that follows on Enter.
func TestStyles(t *testing.T) {
	p := report(t)
	tests := []struct {
		id, kind, name string
		next           string // "" = not set
		role           layout.Role
		size           layout.Pt // 0 = inherited
		outline        int       // -1 = none
		keepNext       bool
		align          string // "" = inherited
	}{
		{styleBody, "paragraph", "Normal", styleBody, p.Body.Role, p.Body.Size, -1, false, jc(p.Body.Align)},
		{styleTitle, "paragraph", "Title", styleBody, p.Title.Role, p.Title.Size, -1, false, jc(p.Title.Align)},
		{styleRecipient, "paragraph", "主送机关", styleBody, p.Recipient.Role, p.Recipient.Size, -1, false, jc(p.Recipient.Align)},
		{styleHeading(1), "paragraph", "一级标题", styleBody, p.Heading1.Role, p.Heading1.Size, 0, true, jc(p.Heading1.Align)},
		{styleHeading(2), "paragraph", "二级标题", styleBody, p.Heading2.Role, p.Heading2.Size, 1, true, jc(p.Heading2.Align)},
		{styleHeading(3), "paragraph", "三级标题", styleBody, p.Heading3.Role, p.Heading3.Size, 2, true, jc(p.Heading3.Align)},
		{styleHeading(4), "paragraph", "四级标题", styleBody, p.Heading4.Role, p.Heading4.Size, 3, true, jc(p.Heading4.Align)},
		{styleHeadingChar(1), "character", "一级标题 字符", "", p.Heading1.Role, p.Heading1.Size, -1, false, ""},
		{styleHeadingChar(2), "character", "二级标题 字符", "", p.Heading2.Role, p.Heading2.Size, -1, false, ""},
		{styleRunIn(2), "paragraph", "正文（段首二级标题）", styleBody, "", 0, 1, false, ""},
		{styleRunIn(3), "paragraph", "正文（段首三级标题）", styleBody, "", 0, 2, false, ""},
		{styleSignature, "paragraph", "署名日期", styleSignature, p.Signature.Role, p.Signature.Size, -1, false, "right"},
		{stylePageNum, "paragraph", "页码", "", p.PageNumber.Role, p.PageNumber.Size, -1, false, ""},
		{styleTable, "paragraph", "表格文字", styleTable, p.Table.Role, p.Table.Size, -1, false, "left"},
		{styleTableHeader, "paragraph", "表头文字", styleTable, p.Table.HeaderRole, p.Table.Size, -1, false, "center"},
		{styleTableLabel, "paragraph", "附表标识", styleTableTitle, p.Table.LabelRole, p.Body.Size, -1, true, "left"},
		{styleTableTitle, "paragraph", "表题", styleBody, p.Table.TitleRole, p.Table.TitleSize, -1, true, "center"},
		{styleTableUnit, "paragraph", "表格单位", styleBody, p.Table.Role, p.Table.UnitSize, -1, true, "right"},
	}
	styles := styleByID(t, write(t, levelsDocument(), p))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := styles[tt.id]
			if s == nil {
				t.Fatalf("no style %s", tt.id)
			}
			if kind, _ := s.attr("type"); kind != tt.kind {
				t.Errorf("type %s, want %s", kind, tt.kind)
			}
			if got := s.child("name").val(); got != tt.name {
				t.Errorf("name %q, want %q", got, tt.name)
			}
			if got := s.child("next").val(); got != tt.next {
				t.Errorf("next %q, want %q", got, tt.next)
			}
			outline := -1
			if o := s.path("pPr", "outlineLvl"); o != nil {
				outline = intAttr(t, o, "val")
			}
			if outline != tt.outline {
				t.Errorf("outline level %d, want %d", outline, tt.outline)
			}
			if got := s.path("pPr", "keepNext") != nil; got != tt.keepNext {
				t.Errorf("keepNext %v, want %v", got, tt.keepNext)
			}
			if got := s.path("pPr", "jc").val(); got != tt.align {
				t.Errorf("jc %q, want %q", got, tt.align)
			}
			fonts := s.path("rPr", "rFonts")
			if tt.role == "" {
				if fonts != nil {
					t.Errorf("names fonts; it should keep the body's")
				}
				return
			}
			f := p.Fonts[tt.role]
			for attr, name := range map[string]string{"eastAsia": f.Docx, "ascii": f.Docx, "hAnsi": f.Docx, "cs": f.Docx} {
				if got, _ := fonts.attr(attr); got != name {
					t.Errorf("rFonts %s=%q, want %q", attr, got, name)
				}
			}
			if got := intAttr(t, s.path("rPr", "sz"), "val"); got != halfPoints(tt.size) {
				t.Errorf("sz %d, want %d", got, halfPoints(tt.size))
			}
		})
	}

	// Body: exact line pitch from the preset, indent in characters, the grid's
	// character spacing, the CJK switches.
	n := styles[styleBody]
	sp := n.path("pPr", "spacing")
	if intAttr(t, sp, "line") != p.Docx.LinePitchTw || sp.attrOr("lineRule") != "exact" {
		t.Errorf("body spacing line=%s rule=%s, want %d exact", sp.attrOr("line"), sp.attrOr("lineRule"), p.Docx.LinePitchTw)
	}
	ind := n.path("pPr", "ind")
	if intAttr(t, ind, "firstLineChars") != int(p.Body.IndentChars*100) ||
		intAttr(t, ind, "firstLine") != twips(layout.Pt(p.Body.IndentChars)*p.Body.Size) {
		t.Errorf("body indent %v, want %v characters", ind.attrs, p.Body.IndentChars)
	}
	if got := intAttr(t, n.path("rPr", "spacing"), "val"); got != p.Docx.CharSpacingTw {
		t.Errorf("body character spacing %d, want %d", got, p.Docx.CharSpacingTw)
	}
	for _, sw := range []string{"autoSpaceDE", "autoSpaceDN", "snapToGrid"} {
		if got := n.path("pPr", sw).val(); got != "0" {
			t.Errorf("body %s=%q, want 0", sw, got)
		}
	}
	if got, want := n.path("pPr", "overflowPunct").val(), map[bool]string{true: "1", false: "0"}[p.Docx.OverflowPunct]; got != want {
		t.Errorf("body overflowPunct=%q, want %s (the preset's overflow_punct)", got, want)
	}
	if n.path("pPr", "widowControl") == nil {
		t.Error("body has no widowControl")
	}
	// Table cells: the table's own exact line pitch, never the body's; no first-line
	// indent, off the grid, not tightened.
	tt := styles[styleTable]
	if sp := tt.path("pPr", "spacing"); intAttr(t, sp, "line") != twips(p.Table.LinePitch) || sp.attrOr("lineRule") != "exact" {
		t.Errorf("table text spacing line=%s rule=%s, want %d exact", sp.attrOr("line"), sp.attrOr("lineRule"), twips(p.Table.LinePitch))
	}
	if ind := tt.path("pPr", "ind"); intAttr(t, ind, "firstLine") != 0 || intAttr(t, ind, "firstLineChars") != 0 {
		t.Errorf("table text indent %v, want 0", ind.attrs)
	}
	if tt.path("pPr", "snapToGrid").val() != "0" {
		t.Error("table text snaps to the grid")
	}
	if got := intAttr(t, tt.path("rPr", "spacing"), "val"); got != 0 {
		t.Errorf("table text character spacing %d, want 0", got)
	}
	// Title: one blank grid line after it, its own size, not tightened.
	ts := styles[styleTitle]
	if got := intAttr(t, ts.path("pPr", "spacing"), "after"); got != p.Title.LinesAfter*p.Docx.LinePitchTw {
		t.Errorf("title spacing after %d, want %d", got, p.Title.LinesAfter*p.Docx.LinePitchTw)
	}
	if got := intAttr(t, ts.path("rPr", "spacing"), "val"); got != 0 {
		t.Errorf("title character spacing %d, want 0", got)
	}
	// Run-in paragraphs keep the body font: no heading style over the body text.
	if got := styles[styleRunIn(2)].child("basedOn").val(); got != styleBody {
		t.Errorf("run-in paragraph style based on %q, want %s", got, styleBody)
	}
	// Document defaults name the body fonts too, so nothing falls back to a theme.
	def := parseXML(t, write(t, levelsDocument(), p).parts["word/styles.xml"]).path("docDefaults", "rPrDefault", "rPr", "rFonts")
	if got, _ := def.attr("eastAsia"); got != p.Fonts[p.Body.Role].Docx {
		t.Errorf("default east-Asian font %q, want %q", got, p.Fonts[p.Body.Role].Docx)
	}
}

func (n *node) attrOr(local string) string { v, _ := n.attr(local); return v }

// TestFontsExplicit: no theme fonts anywhere, and every run names its east-Asian,
// ascii and hAnsi fonts with the east-Asian hint.
func TestFontsExplicit(t *testing.T) {
	for _, doc := range []*model.Document{seedDocument(t), levelsDocument()} {
		pk := write(t, doc, report(t))
		for _, name := range pk.names {
			if strings.Contains(name, "theme") {
				t.Errorf("package has a theme part %s", name)
			}
			if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
				continue
			}
			root := pk.xml(t, name)
			var walk func(*node)
			walk = func(n *node) {
				for _, a := range n.attrs {
					if strings.HasSuffix(strings.ToLower(a.Name.Local), "theme") {
						t.Errorf("%s: <%s %s=%q>: theme font", name, n.name, a.Name.Local, a.Value)
					}
				}
				for _, c := range n.children {
					walk(c)
				}
			}
			walk(root)
			if name != "word/document.xml" && !strings.HasPrefix(name, "word/footer") {
				continue
			}
			for i, r := range root.all("r") {
				f := r.path("rPr", "rFonts")
				for _, attr := range []string{"eastAsia", "ascii", "hAnsi", "hint"} {
					if v, ok := f.attr(attr); !ok || v == "" {
						t.Errorf("%s: run %d (%q) has no rFonts %s", name, i, r.texts(), attr)
					}
				}
			}
		}
	}
}

func TestPageSetup(t *testing.T) {
	p := report(t)
	sect := write(t, levelsDocument(), p).xml(t, "word/document.xml").path("body", "sectPr")
	pg := p.Page
	mm := func(v layout.MM) int { return v.Pt().Twips() }
	tests := []struct {
		el, attr string
		want     int
		std      int // the standard's number (spec §2, §17), for a preset that is the standard
	}{
		{"pgSz", "w", mm(pg.Width), 11906},
		{"pgSz", "h", mm(pg.Height), 16838},
		{"pgMar", "top", mm(pg.Top), 2098},
		{"pgMar", "left", mm(pg.Left), 1587},
		{"pgMar", "right", mm(pg.Width - pg.Left - pg.BodyWidth), 1474},
		{"pgMar", "bottom", mm(pg.Height - pg.Top - pg.BodyHeight), 1984},
		{"pgMar", "footer", p.Docx.FooterTw, p.Docx.FooterTw},
		{"docGrid", "linePitch", p.Docx.LinePitchTw, 579},
	}
	for _, tt := range tests {
		got := intAttr(t, sect.child(tt.el), tt.attr)
		if got != tt.want || got != tt.std {
			t.Errorf("%s %s = %d, want %d from the preset (standard: %d)", tt.el, tt.attr, got, tt.want, tt.std)
		}
	}
	if got := sect.child("docGrid").attrOr("type"); got != p.Docx.GridType {
		t.Errorf("docGrid type %q, want %q", got, p.Docx.GridType)
	}
	if _, ok := sect.child("docGrid").attr("charSpace"); ok {
		t.Error("a line grid has no charSpace")
	}
	// 22 lines of the exact pitch fit the 版心, 23 do not.
	body := mm(pg.BodyHeight)
	if n := p.Grid.Lines; n*p.Docx.LinePitchTw > body || (n+1)*p.Docx.LinePitchTw <= body {
		t.Errorf("%d lines × %d tw do not fill the 版心 of %d tw", n, p.Docx.LinePitchTw, body)
	}
	refs := map[string]string{}
	for _, r := range sect.all("footerReference") {
		refs[r.attrOr("type")] = r.attrOr("id")
	}
	if refs["default"] != ridFooterOdd || refs["even"] != ridFooterEven {
		t.Errorf("footer references %v", refs)
	}
}

// TestCharGrid: a preset asking for Word's character grid gets Word's charSpace and
// snapping body text.
func TestCharGrid(t *testing.T) {
	p := report(t)
	p.Docx.GridType = "linesAndChars"
	pk := write(t, levelsDocument(), p)
	grid := pk.xml(t, "word/document.xml").path("body", "sectPr", "docGrid")
	if got := intAttr(t, grid, "charSpace"); got != -849 {
		t.Errorf("charSpace %d, want -849 (spec §3)", got)
	}
	if styleByID(t, pk)[styleBody].path("pPr", "snapToGrid") != nil {
		t.Error("body does not snap to the character grid")
	}
}

func TestFooters(t *testing.T) {
	p := report(t)
	prefix, suffix, _ := strings.Cut(p.PageNumber.Format, "%d")
	pk := write(t, seedDocument(t), p)
	for _, tt := range []struct {
		part, align, side string
	}{
		{"word/footer1.xml", jc(p.PageNumber.Odd), "right"},
		{"word/footer2.xml", jc(p.PageNumber.Even), "left"},
	} {
		t.Run(tt.part, func(t *testing.T) {
			ftr := pk.xml(t, tt.part)
			para := ftr.child("p")
			if got := para.path("pPr", "pStyle").val(); got != stylePageNum {
				t.Errorf("style %q, want %s", got, stylePageNum)
			}
			if got := para.path("pPr", "jc").val(); got != tt.align {
				t.Errorf("jc %q, want %q", got, tt.align)
			}
			if got := intAttr(t, para.path("pPr", "ind"), tt.side); got != twips(p.PageNumber.Indent) {
				t.Errorf("indent %s %d, want %d", tt.side, got, twips(p.PageNumber.Indent))
			}
			var instr string
			for _, i := range ftr.all("instrText") {
				instr += i.text
			}
			if strings.TrimSpace(instr) != "PAGE" {
				t.Errorf("field %q, want PAGE", instr)
			}
			var kinds []string
			for _, f := range ftr.all("fldChar") {
				kinds = append(kinds, f.attrOr("fldCharType"))
			}
			if strings.Join(kinds, ",") != "begin,separate,end" {
				t.Errorf("field characters %v", kinds)
			}
			runs := para.all("r")
			if first, last := runs[0].texts(), runs[len(runs)-1].texts(); first != prefix || last != suffix {
				t.Errorf("text around the number %q … %q, want %q … %q", first, last, prefix, suffix)
			}
			if prefix != "— " || suffix != " —" {
				t.Errorf("preset format %q: want the 一字线 “— N —” of §7.5", p.PageNumber.Format)
			}
		})
	}
	if pk.xml(t, "word/settings.xml").child("evenAndOddHeaders") == nil {
		t.Error("settings: no evenAndOddHeaders, the even footer would not show")
	}
}

func TestSettings(t *testing.T) {
	p := report(t)
	s := write(t, levelsDocument(), p).xml(t, "word/settings.xml")
	if got := s.child("characterSpacingControl").val(); got != "doNotCompress" {
		t.Errorf("characterSpacingControl %q, want doNotCompress", got)
	}
	mode := ""
	for _, c := range s.path("compat").all("compatSetting") {
		if c.attrOr("name") == "compatibilityMode" {
			mode = c.val()
		}
	}
	if mode != "15" {
		t.Errorf("compatibilityMode %q, want 15", mode)
	}
	// the east-Asian flags, in CT_Compat's order and before the compatSettings
	var got []string
	for _, c := range s.path("compat").children {
		got = append(got, c.name)
	}
	want := []string{"spaceForUL", "balanceSingleByteDoubleByteWidth", "ulTrailSpace", "doNotExpandShiftReturn",
		"useFELayout", "compatSetting", "compatSetting", "compatSetting", "compatSetting"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("w:compat children\n%v\nwant\n%v", got, want)
	}
	if s.child("mirrorMargins") != nil {
		t.Error("mirrorMargins without page.mirror")
	}
	p.Page.Mirror = true
	if write(t, levelsDocument(), p).xml(t, "word/settings.xml").child("mirrorMargins") == nil {
		t.Error("page.mirror = true: no mirrorMargins")
	}
}

// TestSignature: §7.3.5.2 without a seal, both cases of the date/署名 rule.
func TestSignature(t *testing.T) {
	p := report(t)
	cell := p.CharPitch()
	tests := []struct {
		author               string
		authorRight, dateRgt float64 // free grid characters at the right
	}{
		// the date (6.5 characters) is longer than 署名 + 2: it keeps 右空二字, the 署名 moves left
		{"XX旗统计局", 2 + 6.5 + 2 - 5, 2},
		// a long 署名: it keeps 右空二字, the date starts 2 characters right of its first
		{"内蒙古自治区XX旗统计局办公室", 2, 2 + 14 - 2 - 6.5},
	}
	for _, tt := range tests {
		t.Run(tt.author, func(t *testing.T) {
			doc := levelsDocument()
			doc.Author = tt.author
			doc.Date = model.Date{Year: 2024, Month: 1, Day: 10}
			paras := write(t, doc, p).xml(t, "word/document.xml").all("p")
			sig, date := paras[len(paras)-2], paras[len(paras)-1]
			if sig.texts() != tt.author || date.texts() != "2024年1月10日" {
				t.Fatalf("last paragraphs %q, %q", sig.texts(), date.texts())
			}
			for _, l := range []struct {
				n     *node
				right float64
			}{{sig, tt.authorRight}, {date, tt.dateRgt}} {
				if got, want := intAttr(t, l.n.path("pPr", "ind"), "right"), twips(layout.Pt(l.right)*cell); got != want {
					t.Errorf("%q: right indent %d tw, want %d (%.1f characters)", l.n.texts(), got, want, l.right)
				}
				if got := l.n.path("pPr", "pStyle").val(); got != styleSignature {
					t.Errorf("%q: style %q", l.n.texts(), got)
				}
			}
			if got := intAttr(t, sig.path("pPr", "spacing"), "before"); got != p.Signature.LinesBefore*p.Docx.LinePitchTw {
				t.Errorf("署名 spacing before %d, want %d (one blank line)", got, p.Signature.LinesBefore*p.Docx.LinePitchTw)
			}
			if sig.path("pPr", "keepNext") == nil {
				t.Error("署名 is not kept with the date")
			}
			if paras[len(paras)-3].path("pPr", "keepNext") == nil {
				t.Error("the last text paragraph is not kept with the 署名 (§7.3.5.5)")
			}
		})
	}
}

func TestCoreProps(t *testing.T) {
	doc := seedDocument(t)
	pk := write(t, doc, report(t))
	core := pk.xml(t, "docProps/core.xml")
	if got := core.child("title").text; got != doc.Title {
		t.Errorf("dc:title %q, want %q", got, doc.Title)
	}
	if got := core.child("creator").text; got != doc.Author {
		t.Errorf("dc:creator %q, want %q", got, doc.Author)
	}
	for _, c := range core.children {
		if c.space == "http://purl.org/dc/terms/" || c.name == "lastPrinted" {
			t.Errorf("core.xml has <%s>: no dates in the output", c.name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	p := report(t)
	var a, b bytes.Buffer
	if err := writeDocx(&a, seedDocument(t), p); err != nil {
		t.Fatal(err)
	}
	if err := writeDocx(&b, seedDocument(t), p); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same document differ")
	}
	pk := readPkg(t, a.Bytes())
	want := []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
		"word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
		"docProps/core.xml", "docProps/app.xml"}
	if strings.Join(pk.names, " ") != strings.Join(want, " ") {
		t.Errorf("parts %v, want %v", pk.names, want)
	}
	for _, f := range pk.files {
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s modified %v, want %v", f.Name, f.Modified, zipTime)
		}
	}
}

// TestFontTable: every font the document names is described as Word needs it to
// substitute a missing font: a Chinese fallback, PANOSE, GB 2312, family, pitch and
// coverage, in CT_Font's order.
func TestFontTable(t *testing.T) {
	p := report(t)
	fonts := map[string]*node{}
	var names []string
	for _, f := range write(t, levelsDocument(), p).xml(t, "word/fontTable.xml").all("font") {
		fonts[f.attrOr("name")] = f
		names = append(names, f.attrOr("name"))
	}
	if want := []string{"仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "方正小标宋简体"}; strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("fonts %v, want %v (one entry each, no Latin fallback)", names, want)
	}
	tests := []struct {
		name, alt, panose, family, pitch, usb0, usb1, csb0 string
	}{
		{"仿宋_GB2312", "仿宋", "02010609030101010101", "modern", "fixed", "00000001", "080E0000", "00040000"},
		{"楷体_GB2312", "楷体", "02010609030101010101", "modern", "fixed", "00000001", "080E0000", "00040000"},
		{"黑体", "SimHei", "02010609060101010101", "modern", "fixed", "800002BF", "38CF7CFA", "00040001"},
		{"宋体", "SimSun", "02010600030101010101", "auto", "variable", "00000003", "288F0000", "00040001"},
		{"方正小标宋简体", "方正小标宋_GBK", "03000509000000000000", "auto", "default", "00000001", "080E0000", "00040000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fonts[tt.name]
			if f == nil {
				t.Fatal("missing from fontTable.xml")
			}
			var order []string
			for _, c := range f.children {
				order = append(order, c.name)
			}
			if got := strings.Join(order, " "); got != "altName panose1 charset family pitch sig" {
				t.Errorf("children %s, want altName panose1 charset family pitch sig", got)
			}
			for _, c := range []struct{ what, got, want string }{
				{"altName", f.child("altName").val(), tt.alt},
				{"panose1", f.child("panose1").val(), tt.panose},
				{"charset", f.child("charset").val(), "86"},
				{"family", f.child("family").val(), tt.family},
				{"pitch", f.child("pitch").val(), tt.pitch},
				{"usb0", f.child("sig").attrOr("usb0"), tt.usb0},
				{"usb1", f.child("sig").attrOr("usb1"), tt.usb1},
				{"csb0", f.child("sig").attrOr("csb0"), tt.csb0},
			} {
				if c.got != c.want {
					t.Errorf("%s %q, want %q", c.what, c.got, c.want)
				}
			}
		})
	}
}

// TestFontTableUnknown: a font the writer does not know is described from the preset:
// its next Chinese name as the fallback and the bundled stand-in's OS/2 classification;
// a Latin font named by `latin` gets an entry of its own.
func TestFontTableUnknown(t *testing.T) {
	p := report(t)
	fs := p.Fonts[layout.FangSong]
	fs.Docx, fs.Names, fs.Latin = "方正仿宋_GBK", []string{"方正仿宋_GBK", "FZFangSong-Z02", "仿宋"}, "Arial"
	p.Fonts[layout.FangSong] = fs
	fonts := map[string]*node{}
	for _, f := range write(t, levelsDocument(), p).xml(t, "word/fontTable.xml").all("font") {
		fonts[f.attrOr("name")] = f
	}
	f := fonts["方正仿宋_GBK"]
	if f == nil {
		t.Fatal("方正仿宋_GBK missing")
	}
	if got := f.child("altName").val(); got != "仿宋" {
		t.Errorf("altName %q, want 仿宋 (the first Chinese name after it)", got)
	}
	if got := f.child("charset").val(); got != "86" {
		t.Errorf("charset %q, want 86", got)
	}
	// FandolFang's OS/2 table: PANOSE 00000500000000000000, code pages with GB 2312 (bit 18)
	if got := f.child("panose1").val(); got != "00000500000000000000" {
		t.Errorf("panose1 %q, want FandolFang's 00000500000000000000", got)
	}
	csb0, err := strconv.ParseUint(f.child("sig").attrOr("csb0"), 16, 32)
	if err != nil || csb0&(1<<18) == 0 {
		t.Errorf("sig csb0 %q: no GB 2312 code page bit", f.child("sig").attrOr("csb0"))
	}
	a := fonts["Arial"]
	if a == nil || a.child("charset").val() != "00" || a.child("altName") != nil {
		t.Errorf("Arial entry %v, want charset 00 and no altName", a)
	}
}

func TestBadInput(t *testing.T) {
	p := report(t)
	bad := levelsDocument()
	bad.Intro[0].Spans[0].Text = "控制字符\x01"
	bad.Intro[0].Spans[0].Pos = model.Pos{File: "a.toml", Line: 3, Col: 5}
	tests := []struct {
		what string
		doc  *model.Document
		p    *layout.Preset
		want string
	}{
		{"nil document", nil, p, "没有文档"},
		{"nil preset", levelsDocument(), nil, "没有文档"},
		{"control character", bad, p, "a.toml:3:5"},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			var buf bytes.Buffer
			err := writeDocx(&buf, tt.doc, tt.p)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written before the error", buf.Len())
			}
		})
	}
}

func ExampleWrite() {
	p, err := layout.Load("report")
	if err != nil {
		panic(err)
	}
	doc := &model.Document{
		Title:  "XX局2023年工作总结",
		Author: "XX局",
		Date:   model.Date{Year: 2024, Month: 1, Day: 5},
		Intro:  []*model.Paragraph{{Spans: []model.Span{{Text: "现将有关情况汇报如下。"}}}},
	}
	var buf bytes.Buffer
	if err := writeDocx(&buf, doc, p); err != nil {
		panic(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		panic(err)
	}
	for _, f := range zr.File {
		fmt.Println(f.Name)
	}
	// Output:
	// [Content_Types].xml
	// _rels/.rels
	// word/document.xml
	// word/_rels/document.xml.rels
	// word/styles.xml
	// word/settings.xml
	// word/fontTable.xml
	// word/footer1.xml
	// word/footer2.xml
	// docProps/core.xml
	// docProps/app.xml
}

func BenchmarkWrite(b *testing.B) {
	p, doc := report(b), seedDocument(b)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := writeDocx(&buf, doc, p); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRunFontsEveryScript: the runs whose digits, Latin letters or quotes showed in a
// Latin fallback are in the font of their role for every script (ascii, hAnsi, eastAsia,
// cs), with the east-Asian hint for the quotes.
func TestRunFontsEveryScript(t *testing.T) {
	seed, rp := seedDocument(t), report(t)
	notice, np := samplePreset(t, "notice")
	tests := []struct {
		what   string
		doc    *model.Document
		p      *layout.Preset
		pStyle string
		text   string // the run's text starts with it
		role   layout.Role
	}{
		{"title digits and XX", seed, rp, styleTitle, "XX旗统计局", rp.Title.Role},
		{"附表 label", seed, rp, styleTableLabel, "附表1", rp.Table.LabelRole},
		{"quotes in the body", seed, rp, styleBody, "", rp.Body.Role}, // the first body run with “
		{"标志", notice, np, styleMark, "XX旗人民政府办公室文件", np.Header.MarkRole},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			pStyle := tt.pStyle
			if pStyle == styleBody {
				pStyle = "" // 正文 paragraphs name no style
			}
			var found *node
			for _, para := range write(t, tt.doc, tt.p).xml(t, "word/document.xml").all("p") {
				if para.path("pPr", "pStyle").val() != pStyle {
					continue
				}
				for _, r := range para.all("r") {
					text := r.texts()
					if tt.text != "" && strings.HasPrefix(text, tt.text) || tt.text == "" && strings.Contains(text, "“") {
						found = r
						break
					}
				}
				if found != nil {
					break
				}
			}
			if found == nil {
				t.Fatalf("no %s run starting %q", tt.pStyle, tt.text)
			}
			name := tt.p.Fonts[tt.role].Docx
			fonts := found.path("rPr", "rFonts")
			for attr, want := range map[string]string{"ascii": name, "hAnsi": name, "eastAsia": name, "cs": name, "hint": "eastAsia"} {
				if got, _ := fonts.attr(attr); got != want {
					t.Errorf("rFonts %s=%q, want %q", attr, got, want)
				}
			}
		})
	}
}
