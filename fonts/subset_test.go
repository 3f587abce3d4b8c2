package fonts

import (
	"bytes"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// sampleText is the kind of text a 工作总结 holds: about 600 distinct characters once the
// rarer ones are added below.
const sampleText = `关于2023年度党建工作情况的报告
一、主要工作及成效
（一）坚持理论武装，筑牢思想根基。全年组织党委理论学习中心组学习9次、专题研讨4次，
开展“三会一课”48次，主题党日活动12次。深入学习贯彻党的二十大精神，推动学习往深里走、往心里走、往实里走。
（二）加强组织建设，夯实基层基础。完成3个党支部换届选举，发展党员5名，转正预备党员6名；
严格落实《中国共产党支部工作条例（试行）》，规范“三会一课”、组织生活会、民主评议党员等制度。
1.聚焦主责主业。围绕中心、服务大局，把党建工作与业务工作同谋划、同部署、同落实、同检查。
（1）强化责任担当——层层压实管党治党政治责任……
二、存在的问题
一是理论学习的系统性还不够强，学用结合不够紧密；二是基层党组织建设质量有待提升；
三是党员队伍结构需要进一步优化，青年党员占比偏低。
三、下一步工作打算
持续深化理论武装，扎实推进全面从严治党，以高质量党建引领保障高质量发展，为实现全年目标任务提供坚强政治保证。
附件：1.党建工作考核评分表  2.党员发展情况统计表
某某市某某局党委  2024年1月5日
抄送：市委组织部，市直机关工委。印发：某某局办公室。
天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡鳞潜羽翔龙师火帝鸟官人皇始制文字乃服衣裳推位让国有虞陶唐吊民伐罪周发殷汤坐朝问道垂拱平章爱育黎首臣伏戎羌遐迩壹体率宾归王鸣凤在竹白驹食场化被草木赖及万方盖此身发四大五常恭惟鞠养岂敢毁伤女慕贞洁男效才良知过必改得能莫忘罔谈彼短靡恃己长信使可覆器欲难量墨悲丝染诗赞羔羊景行维贤克念作圣德建名立形端表正空谷传声虚堂习听祸因恶积福缘善庆尺璧非宝寸阴是竞资父事君曰严与敬孝当竭力忠则尽命临深履薄夙兴温凊似兰斯馨如松之盛川流不息渊澄取映容止若思言辞安定笃初诚美慎终宜令荣业所基籍甚无竟学优登仕摄职从政存以甘棠去而益咏乐殊贵贱礼别尊卑上和下睦夫唱妇随外受傅训入奉母仪诸姑伯叔犹子比儿孔怀兄弟同气连枝交友投分切磨箴规仁慈隐恻造次弗离节义廉退颠沛匪亏性静情逸心动神疲守真志满逐物意移坚持雅操好爵自縻都邑华夏东西二京背邙面洛浮渭据泾宫殿盘郁楼观飞惊图写禽兽画彩仙灵丙舍傍启甲帐对楹肆筵设席鼓瑟吹笙升阶纳陛弁转疑星右通广内左达承明既集坟典亦聚群英杜稿钟隶漆书壁经府罗将相路侠槐卿户封八县家给千兵高冠陪辇驱毂振缨世禄侈富车驾肥轻策功茂实勒碑刻铭`

func sampleRunes(f *Face) []rune {
	var out []rune
	for _, r := range sampleText {
		if r != '\n' && f.Has(r) && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// mappedRunes lists every code point of the BMP and of the ideographic planes 2 and 3 that
// a face maps to a glyph.
func mappedRunes(f *Face) []rune {
	var out []rune
	for r := rune(0); r <= 0x3FFFF; r++ {
		if r == 0x10000 {
			r = 0x20000
		}
		if f.Has(r) {
			out = append(out, r)
		}
	}
	return out
}

// checkSFNT verifies the table directory of a TrueType file: tables sorted and aligned,
// table checksums and head.checkSumAdjustment right.
func checkSFNT(t *testing.T, data []byte) (tags []string) {
	t.Helper()
	_, tables, err := readDirectory(data, int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	n := len(tables)
	pow := 1
	for pow*2 <= n {
		pow *= 2
	}
	if got := u16(data, 6); int(got) != 16*pow {
		t.Errorf("searchRange = %d, want %d", got, 16*pow)
	}
	for i, tb := range tables {
		tags = append(tags, tb.tag)
		if tb.offset%4 != 0 {
			t.Errorf("table %q at offset %d, not 4-aligned", tb.tag, tb.offset)
		}
		body := bytes.Clone(data[tb.offset : tb.offset+tb.length])
		if tb.tag == "head" {
			clear(body[8:12])
		}
		if want, got := checksum(body), u32(data, 12+16*i+4); got != want {
			t.Errorf("table %q checksum %#x, want %#x", tb.tag, got, want)
		}
	}
	if !slices.IsSorted(tags) {
		t.Errorf("tables not sorted: %q", tags)
	}
	if sum := checksum(data); sum != 0xB1B0AFBA {
		t.Errorf("whole-file checksum %#x, want 0xB1B0AFBA (checkSumAdjustment wrong)", sum)
	}
	return tags
}

// renderWithFpdf embeds a font in a PDF with fpdf and draws text with it. It returns the
// PDF and the width fpdf measures for text at 1000 pt.
func renderWithFpdf(t *testing.T, font []byte, text string) ([]byte, float64) {
	t.Helper()
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes("sub", "", font)
	if err := pdf.Error(); err != nil {
		t.Fatalf("fpdf rejects the subset: %v", err)
	}
	pdf.SetFont("sub", "", 1000)
	width := pdf.GetStringWidth(text)
	pdf.SetFont("sub", "", 12)
	pdf.AddPage()
	for i, line := range strings.Split(text, "\n") {
		pdf.Text(40, 60+float64(i)*14, line)
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatalf("fpdf Output: %v", err)
	}
	return out.Bytes(), width
}

func TestSubsetBundled(t *testing.T) {
	for _, name := range BundledNames() {
		t.Run(name, func(t *testing.T) {
			f := mustBundled(t, name)
			runes := sampleRunes(f)
			if len(runes) < 550 {
				t.Fatalf("only %d sample runes", len(runes))
			}
			sub, err := f.Subset(runes)
			if err != nil {
				t.Fatal(err)
			}
			src, _ := Bundled(name)
			t.Logf("%d runes: subset %d bytes, font %d bytes (%.1f%%)", len(runes), len(sub), len(src), 100*float64(len(sub))/float64(len(src)))
			if len(sub) > len(src)/5 {
				t.Errorf("subset is %d bytes, more than a fifth of the font (%d)", len(sub), len(src))
			}

			tags := checkSFNT(t, sub)
			for _, tag := range []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"} {
				if !slices.Contains(tags, tag) {
					t.Errorf("subset lacks table %q (has %q)", tag, tags)
				}
			}
			for _, tag := range []string{"STAT", "GSUB", "GPOS"} {
				if slices.Contains(tags, tag) {
					t.Errorf("subset keeps table %q", tag)
				}
			}

			s, err := Parse(sub, "subset")
			if err != nil {
				t.Fatal(err)
			}
			want := slices.Sorted(slices.Values(runes))
			if got := mappedRunes(s); !slices.Equal(got, want) {
				t.Errorf("subset maps %d runes, want exactly the %d given", len(got), len(want))
			}
			if s.cmap.format != 4 || u16(s.tables["cmap"], 2) != 1 || u16(s.tables["cmap"], 4) != 3 || u16(s.tables["cmap"], 6) != 1 {
				t.Errorf("subset cmap is not a single (3,1) format 4 subtable")
			}
			kept := map[int]bool{0: true}
			for _, r := range runes {
				if s.glyph(r) != f.glyph(r) {
					t.Errorf("%q: glyph %d, was %d", r, s.glyph(r), f.glyph(r))
				}
				if s.Advance(r) != f.Advance(r) {
					t.Errorf("%q: advance %v, was %v", r, s.Advance(r), f.Advance(r))
				}
				kept[f.glyph(r)] = true
			}
			if s.Family() != f.Family() || s.numGlyphs != f.numGlyphs {
				t.Errorf("subset family %q, %d glyphs; want %q, %d", s.Family(), s.numGlyphs, f.Family(), f.numGlyphs)
			}
			for g := range f.numGlyphs {
				a, _ := f.glyphData(g)
				b, err := s.glyphData(g)
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case kept[g] && (len(b) < len(a) || !bytes.Equal(a, b[:len(a)]) || len(b) > (len(a)+3)&^3 || slices.ContainsFunc(b[len(a):], func(c byte) bool { return c != 0 })):
					// Glyphs are 4-byte aligned: the copy may end in up to 3 zero bytes.
					t.Errorf("glyph %d changed (%d → %d bytes)", g, len(a), len(b))
				case !kept[g] && len(b) != 0:
					t.Errorf("glyph %d not used but kept (%d bytes)", g, len(b))
				}
			}

			pdf, width := renderWithFpdf(t, sub, string(runes))
			var sum float64
			for _, r := range runes {
				sum += math.Round(f.Advance(r) * 1000)
			}
			if math.Abs(width-sum) > 0.01 {
				t.Errorf("fpdf measures %.1f, Advance sums to %.1f", width, sum)
			}
			if !bytes.Contains(pdf, []byte("/FontFile2")) || !bytes.Contains(pdf, []byte("/ToUnicode")) {
				t.Error("PDF lacks the embedded TrueType font or its ToUnicode map")
			}
		})
	}
}

func TestSubsetDeterministic(t *testing.T) {
	f := mustBundled(t, "body-FandolFang-Regular.ttf")
	runes := sampleRunes(f)
	a, err := f.Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	shuffled := append(slices.Clone(runes), runes[:50]...)
	slices.Reverse(shuffled)
	b, err := f.Subset(shuffled)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("Subset bytes depend on the order or repetition of runes")
	}
}

// TestSubsetComposite checks that composite glyphs keep their components, transitively,
// with a synthetic font: none of the bundled fonts has composite glyphs.
func TestSubsetComposite(t *testing.T) {
	f, err := Parse(compositeFont(t), "synth")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		runes string
		kept  []int // glyph IDs with outlines in the subset
	}{
		{"A", []int{0, 1}},
		{"B", []int{0, 1, 2, 3}},
		{"C", []int{0, 1, 2, 3, 4}},
		{"D", []int{0, 5}},
		{"CD", []int{0, 1, 2, 3, 4, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.runes, func(t *testing.T) {
			sub, err := f.Subset([]rune(tt.runes))
			if err != nil {
				t.Fatal(err)
			}
			checkSFNT(t, sub)
			s, err := Parse(sub, "synth subset")
			if err != nil {
				t.Fatal(err)
			}
			var kept []int
			for g := range s.numGlyphs {
				if d, _ := s.glyphData(g); len(d) > 0 {
					kept = append(kept, g)
				}
			}
			if !slices.Equal(kept, tt.kept) {
				t.Errorf("glyphs with outlines %v, want %v", kept, tt.kept)
			}
			if got := string(mappedRunes(s)); got != tt.runes {
				t.Errorf("subset maps %q, want %q", got, tt.runes)
			}
			renderWithFpdf(t, sub, tt.runes)
		})
	}
}

func TestSubsetErrors(t *testing.T) {
	body := mustBundled(t, "body-FandolFang-Regular.ttf")
	tests := []struct {
		runes []rune
		want  []string
	}{
		{[]rune("一珺"), []string{"「珺」", "U+73FA", "body-FandolFang-Regular.ttf"}},
		{[]rune("一𬌗"), []string{"「𬌗」", "U+2C317"}},
		{[]rune{'一', 0x1F600}, []string{"U+1F600"}},
		{[]rune{'一', -5}, []string{"无效的字符码 -5"}},
		{[]rune{'一', 0x110000}, []string{"无效的字符码 1114112"}},
	}
	for _, tt := range tests {
		_, err := body.Subset(tt.runes)
		for _, w := range tt.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("Subset(%q) error = %v, want it to contain %q", tt.runes, err, w)
			}
		}
	}
}

// TestSubsetBeyondBMP: characters beyond the BMP keep their glyphs, and the subset maps
// them with a (3,10) format 12 subtable next to the (3,1) format 4 one of the BMP.
func TestSubsetBeyondBMP(t *testing.T) {
	tests := []struct {
		font, text string
		subtables  int
	}{
		{"title-NotoSerifSC-Bold.ttf", "王𬌗同志", 2},
		{"pagenum-NotoSerifSC-Regular.ttf", "𬌗𬍛𬘬", 2}, // Ext B, E and E again: three groups
		{"lastresort-NotoSerifSC-Regular.ttf", "儽„王𬌗", 2},
		{"lastresort-NotoSerifSC-Regular.ttf", "儽„", 1}, // BMP only: format 4 alone
	}
	for _, tt := range tests {
		t.Run(tt.font+" "+tt.text, func(t *testing.T) {
			f := mustBundled(t, tt.font)
			runes := []rune(tt.text)
			sub, err := f.Subset(runes)
			if err != nil {
				t.Fatal(err)
			}
			checkSFNT(t, sub)
			s, err := Parse(sub, "subset")
			if err != nil {
				t.Fatal(err)
			}
			if got, want := mappedRunes(s), slices.Sorted(slices.Values(runes)); !slices.Equal(got, want) {
				t.Errorf("subset maps %q, want %q", string(got), string(want))
			}
			for _, r := range runes {
				if g := s.glyph(r); g == 0 || g != f.glyph(r) {
					t.Errorf("%q: glyph %d in the subset, %d in the font", r, g, f.glyph(r))
				}
				if d, _ := s.glyphData(f.glyph(r)); len(d) == 0 {
					t.Errorf("%q: outline dropped", r)
				}
			}
			cmap := s.tables["cmap"]
			if n := int(u16(cmap, 2)); n != tt.subtables {
				t.Fatalf("cmap has %d subtables, want %d", n, tt.subtables)
			}
			for i, want := range [][3]int{{3, 1, 4}, {3, 10, 12}}[:tt.subtables] {
				rec := 4 + 8*i
				got := [3]int{int(u16(cmap, rec)), int(u16(cmap, rec+2)), int(u16(cmap, int(u32(cmap, rec+4))))}
				if got != want {
					t.Errorf("subtable %d is (platform, encoding, format) %v, want %v", i, got, want)
				}
			}
			// fpdf reads the format 4 subtable and takes the font for BMP text (it panics on
			// any rune beyond the BMP).
			var bmp []rune
			for _, r := range runes {
				if r <= 0xFFFF {
					bmp = append(bmp, r)
				}
			}
			renderWithFpdf(t, sub, string(bmp))
		})
	}
}

// TestSubsetAll: every BMP character of a font still fits one format 4 cmap, and fpdf takes it.
func TestSubsetAll(t *testing.T) {
	for _, name := range []string{"title-NotoSerifSC-Bold.ttf", "body-FandolFang-Regular.ttf"} {
		f := mustBundled(t, name)
		all := mappedRunes(f)
		sub, err := f.Subset(all)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(sub, "all")
		if err != nil {
			t.Fatal(err)
		}
		if got := mappedRunes(s); !slices.Equal(got, all) {
			t.Errorf("%s: subset of all %d runes maps %d", name, len(all), len(got))
		}
		t.Logf("%s: %d runes, subset %d bytes, cmap %d bytes", name, len(all), len(sub), len(s.tables["cmap"]))
		renderWithFpdf(t, sub, "一二三")
	}
}

// TestSubsetEmpty: no runes still gives a valid font (.notdef only) that fpdf accepts.
func TestSubsetEmpty(t *testing.T) {
	f := mustBundled(t, "heading2-ARPLKaitiMGB.ttf")
	sub, err := f.Subset(nil)
	if err != nil {
		t.Fatal(err)
	}
	checkSFNT(t, sub)
	s, err := Parse(sub, "empty")
	if err != nil {
		t.Fatal(err)
	}
	if got := mappedRunes(s); len(got) != 0 {
		t.Errorf("empty subset maps %q", got)
	}
	renderWithFpdf(t, sub, "")
}

// TestCmapFormat4 checks the encoder's choice between idDelta and glyphIdArray segments
// by decoding what it wrote.
func TestCmapFormat4(t *testing.T) {
	tests := []struct {
		name string
		runs []cmapSegment
		segs int // including the final 0xFFFF segment
	}{
		{"one", []cmapSegment{{start: 0x4E00, end: 0x4E00, gids: []int{7}}}, 2},
		{"delta run", []cmapSegment{{start: 0x30, end: 0x39, gids: []int{10, 11, 12, 13, 14, 15, 16, 17, 18, 19}}}, 2},
		{"scattered run", []cmapSegment{{start: 0x4E00, end: 0x4E05, gids: []int{9, 3, 70, 4, 12, 5}}}, 2},
		{"two deltas", []cmapSegment{{start: 0x41, end: 0x44, gids: []int{1, 2, 8, 9}}}, 3},
		{"negative delta", []cmapSegment{{start: 0xFF01, end: 0xFF01, gids: []int{3}}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sub, err := cmapFormat4(tt.runs)
			if err != nil {
				t.Fatal(err)
			}
			data := cmapTables([]cmapSubtable{{encoding: 1, data: sub}})
			c, err := pickCmap(data)
			if err != nil {
				t.Fatal(err)
			}
			if c.segs != tt.segs {
				t.Errorf("%d segments, want %d", c.segs, tt.segs)
			}
			if got := int(binary.BigEndian.Uint16(data[12+2:])); got != len(data)-12 {
				t.Errorf("subtable length %d, want %d", got, len(data)-12)
			}
			for _, run := range tt.runs {
				for i, g := range run.gids {
					if got := c.lookup(uint32(run.start + i)); got != g {
						t.Errorf("U+%04X → %d, want %d", run.start+i, got, g)
					}
				}
				if got := c.lookup(uint32(run.end + 1)); got != 0 {
					t.Errorf("U+%04X → %d, want 0", run.end+1, got)
				}
			}
		})
	}
	var many []cmapSegment
	for i := range 9000 {
		many = append(many, cmapSegment{start: 2 * i, end: 2 * i, gids: []int{i + 1}})
	}
	if _, err := cmapFormat4(many); err == nil {
		t.Error("cmapFormat4 accepted 9000 segments (72 KB), more than format 4 can hold")
	}
}

// TestSubsetHalves: the half-width glyphs SubsetHalves appends read back from the subset
// with half the advance and the outline of the rune's glyph, moved left by that half for
// an opening mark, so the ink stands within the half em box; the font's own glyphs keep
// their IDs, advances and outlines.
func TestSubsetHalves(t *testing.T) {
	halves := []Half{{'，', false}, {'”', false}, {'。', false}, {'“', true}, {'《', true}, {'（', true}}
	for _, name := range BundledNames() {
		t.Run(name, func(t *testing.T) {
			f := mustBundled(t, name)
			runes := []rune("关于“三会一课”的报告")
			sub, err := f.SubsetHalves(runes, halves)
			if err != nil {
				t.Fatal(err)
			}
			checkSFNT(t, sub)
			s, err := Parse(sub, "subset")
			if err != nil {
				t.Fatal(err)
			}
			if s.NumGlyphs() != f.NumGlyphs()+len(halves) || s.numHMetrics != s.numGlyphs {
				t.Fatalf("subset has %d glyphs, %d long metrics; want %d + %d, all long", s.numGlyphs, s.numHMetrics, f.numGlyphs, len(halves))
			}
			for _, r := range runes {
				if s.glyph(r) != f.glyph(r) || s.Advance(r) != f.Advance(r) {
					t.Errorf("%c: glyph %d advance %v, was %d %v", r, s.glyph(r), s.Advance(r), f.glyph(r), f.Advance(r))
				}
			}
			if got := mappedRunes(s); !slices.Equal(got, slices.Sorted(slices.Values(runes))) {
				t.Errorf("subset maps %q, want only the runes given", string(got))
			}
			em := float64(f.unitsPerEm)
			for i, h := range halves {
				g, base := f.numGlyphs+i, f.glyph(h.Rune)
				full := f.advance(base)
				if got := s.advance(g); got != (full+1)/2 {
					t.Errorf("%c: half advance %d, want %d", h.Rune, got, (full+1)/2)
				}
				var want, got []Segment
				if err := f.outline(base, 1, 0, 0, 1, 0, 0, 0, &want); err != nil {
					t.Fatal(err)
				}
				if err := s.outline(g, 1, 0, 0, 1, 0, 0, 0, &got); err != nil {
					t.Fatal(err)
				}
				dx := 0.0
				if h.Left {
					dx = -float64(full - (full+1)/2)
				}
				for k := range want {
					if want[k].Op != 'Z' { // M and L repeat their point as the control point
						want[k].X += dx
						want[k].CX += dx
					}
				}
				if len(want) == 0 || !slices.Equal(got, want) {
					t.Errorf("%c (left %v): outline of %d segments differs from the glyph's moved %v", h.Rune, h.Left, len(got), dx)
				}
				lo, hi := math.Inf(1), math.Inf(-1)
				for _, sg := range got {
					lo, hi = min(lo, sg.X), max(hi, sg.X)
				}
				if lo < -0.02*em || hi > float64(s.advance(g))+0.02*em {
					t.Errorf("%c (left %v): ink %v–%v outside the half box 0–%d", h.Rune, h.Left, lo, hi, s.advance(g))
				}
			}
			if _, err := f.SubsetHalves(runes, []Half{{'𬌗', false}}); err == nil {
				t.Error("a half of a rune the font lacks is no error")
			}
		})
	}
}
