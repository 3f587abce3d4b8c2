package pdf_test

import (
	"bytes"
	"encoding/xml"
	"html"
	"image"
	"image/color"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator/pdf"
	"github.com/gongwen/gongwen/generator/typeset"
)

// The output read with the usual PDF tools: qpdf (structure), MuPDF (rendering,
// positions, colours), poppler (fonts, text, info). Each test skips when its tool is
// not installed (Debian: qpdf, mupdf-tools, poppler-utils).

func have(t *testing.T, tool string) bool {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Logf("%s not installed: skipped", tool)
		return false
	}
	return true
}

func tempPDF(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkTools runs what every PDF must pass: qpdf --check without warnings, MuPDF
// rendering every page without a message, and pdffonts finding every font embedded as a
// subset with a ToUnicode map.
func checkTools(t *testing.T, name string, data []byte) {
	t.Helper()
	path := tempPDF(t, name, data)
	if have(t, "qpdf") {
		out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
			t.Errorf("%s: qpdf --check: %v\n%s", name, err, out)
		}
	}
	if have(t, "mutool") {
		var stderr bytes.Buffer
		cmd := exec.Command("mutool", "draw", "-q", "-F", "png", "-o", os.DevNull, path)
		cmd.Stderr = &stderr
		err := cmd.Run()
		// This message is about how mupdf-tools was built (without Little CMS), not the file.
		msgs := strings.ReplaceAll(stderr.String(), "warning: ICC support is not available", "")
		if err != nil || strings.TrimSpace(msgs) != "" {
			t.Errorf("%s: mutool draw: %v\n%s", name, err, msgs)
		}
	}
	if have(t, "pdffonts") {
		for _, f := range pdffonts(t, path) {
			if f.typ != "CID TrueType" || f.enc != "Identity-H" || f.emb != "yes" || f.sub != "yes" || f.uni != "yes" {
				t.Errorf("%s: pdffonts: %+v", name, f)
			}
		}
	}
}

type fontRow struct{ name, typ, enc, emb, sub, uni string }

// pdffonts lists the fonts of a file as poppler sees them.
func pdffonts(t *testing.T, path string) []fontRow {
	t.Helper()
	out, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	// name, type (may hold spaces), encoding, emb, sub, uni, object number, generation
	row := regexp.MustCompile(`^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$`)
	var rows []fontRow
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n")[2:] {
		m := row.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("pdffonts row %q", l)
		}
		rows = append(rows, fontRow{m[1], m[2], m[3], m[4], m[5], m[6]})
	}
	return rows
}

// TestPDFFonts: poppler finds one font per role drawn, each embedded as a subset (its
// name TAG+PostScript name) with a ToUnicode map.
func TestPDFFonts(t *testing.T) {
	if !have(t, "pdffonts") {
		t.Skip()
	}
	res, data := render(t, 5)
	_, _, subs := setup(t)
	rows := pdffonts(t, tempPDF(t, "doc", data))
	var names, want []string
	for _, f := range rows {
		if f.typ != "CID TrueType" || f.enc != "Identity-H" || f.emb != "yes" || f.sub != "yes" || f.uni != "yes" {
			t.Errorf("font %+v", f)
		}
		if !regexp.MustCompile(`^[A-Z]{6}\+`).MatchString(f.name) {
			t.Errorf("font %s has no subset tag", f.name)
		}
		names = append(names, f.name[7:])
	}
	for role := range res.Runes() {
		want = append(want, subs[role].Metrics().PostScriptName)
	}
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("pdffonts lists %q, want %q", names, want)
	}
	checkTools(t, "doc", data)
}

// TestPDFToText: poppler extracts every page's text line by line exactly as typeset.
// (It drops the narrow spaces of "— 1 —", as it did with fpdf: it finds word breaks by
// the gaps between glyphs, not by space characters. So spaces are not compared.)
func TestPDFToText(t *testing.T) {
	if !have(t, "pdftotext") {
		t.Skip()
	}
	res, data := render(t, 5)
	checkPDFToText(t, res, tempPDF(t, "doc", data))
}

// checkPDFToText compares pdftotext's lines of every page with the typeset lines. On a
// page with a table, whose cells poppler orders and joins by its own reading of the
// columns, the other lines must come out whole and in order among them.
func checkPDFToText(t *testing.T, res *typeset.Result, path string) {
	t.Helper()
	for _, pg := range res.Pages {
		n := strconv.Itoa(pg.Number)
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-f", n, "-l", n, path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		var got, want []string
		for _, l := range strings.Split(string(out), "\n") {
			if l = strings.Join(strings.Fields(strings.Trim(l, "\f")), ""); l != "" {
				got = append(got, l)
			}
		}
		lines := slices.Clone(pg.Lines)
		if pg.Folio != nil {
			lines = append(lines, pg.Folio)
		}
		table := false
		for _, l := range lines {
			if l.Kind == typeset.Cell {
				table = true
				continue
			}
			want = append(want, strings.Join(strings.Fields(l.Text()), ""))
		}
		if table && subsequence(want, got) || !table && slices.Equal(got, want) {
			continue
		}
		t.Errorf("page %d: pdftotext gives\n%s\nwant\n%s", pg.Number, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// subsequence reports whether the lines of want occur in got in order.
func subsequence(want, got []string) bool {
	for _, l := range got {
		if len(want) > 0 && l == want[0] {
			want = want[1:]
		}
	}
	return len(want) == 0
}

// TestPDFInfo: poppler reads the document information and page size.
func TestPDFInfo(t *testing.T) {
	if !have(t, "pdfinfo") {
		t.Skip()
	}
	res, data := render(t, 2)
	out, err := exec.Command("pdfinfo", tempPDF(t, "doc", data)).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Title:           标题", "Author:          XX旗统计局", "Producer:        gongwen",
		"CreationDate:    Wed Jan 10 00:00:00 2024 UTC", "ModDate:         Wed Jan 10 00:00:00 2024 UTC",
		"Pages:           " + strconv.Itoa(len(res.Pages)), "Page size:       595.28 x 841.89 pts (A4)", "PDF version:     1.7",
	} {
		if !strings.Contains(string(out), want+"\n") {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
}

// TestRulesAndColour reads rules back from MuPDF's trace (ends, width, colour, butt
// caps) and a red run's colour from its structured text.
func TestRulesAndColour(t *testing.T) {
	if !have(t, "mutool") {
		t.Skip()
	}
	p, _, subs := setup(t)
	red := typeset.Red
	rules := []typeset.Rule{
		{X1: 79.37, Y1: 200.5, X2: 521.57, Y2: 200.5, Width: 2, Color: red}, // the red line of a 版头
		{X1: 79.37, Y1: 700.25, X2: 521.57, Y2: 700.25, Width: 0.5},         // a 版记 line
		{X1: 300, Y1: 300, X2: 300, Y2: 400.125, Width: 0.75},               // a table border
	}
	res := &typeset.Result{Pages: []*typeset.Page{{Number: 1, Rules: rules, Lines: []*typeset.Line{
		{Baseline: 180, Runs: []typeset.Run{{Font: "xiaobiaosong", Size: 22, X: 100, Text: "发文机关标志", Color: red}}},
		{Baseline: 240, Runs: []typeset.Run{{Font: "fangsong", Size: 16, X: 100, Text: "正文"}}},
	}}}}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, res, p, subs, testMeta); err != nil {
		t.Fatal(err)
	}
	path := tempPDF(t, "rules", buf.Bytes())
	checkTools(t, "rules", buf.Bytes())

	out, err := exec.Command("mutool", "draw", "-q", "-F", "trace", "-o", "-", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	type point struct {
		X float64 `xml:"x,attr"`
		Y float64 `xml:"y,attr"`
	}
	var trace struct {
		Pages []struct {
			Strokes []struct {
				Width float64 `xml:"linewidth,attr"`
				Cap   string  `xml:"linecap,attr"`
				Space string  `xml:"colorspace,attr"`
				Color string  `xml:"color,attr"`
				Move  point   `xml:"moveto"`
				Line  point   `xml:"lineto"`
			} `xml:"stroke_path"`
		} `xml:"page"`
	}
	if err := xml.Unmarshal(out, &trace); err != nil {
		t.Fatal(err)
	}
	strokes := trace.Pages[0].Strokes
	if len(strokes) != len(rules) {
		t.Fatalf("%d strokes, want %d", len(strokes), len(rules))
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 0.001 }
	for i, r := range rules {
		s := strokes[i]
		// the trace gives PDF coordinates: y up from the bottom of the page
		if !near(s.Move.X, float64(r.X1)) || !near(841.89-s.Move.Y, float64(r.Y1)) ||
			!near(s.Line.X, float64(r.X2)) || !near(841.89-s.Line.Y, float64(r.Y2)) || !near(s.Width, float64(r.Width)) {
			t.Errorf("rule %d drawn from (%v, %v) to (%v, %v), %v pt; want %+v", i, s.Move.X, 841.89-s.Move.Y, s.Line.X, 841.89-s.Line.Y, s.Width, r)
		}
		if s.Cap != "0,0,0" {
			t.Errorf("rule %d: line cap %s, want butt (0)", i, s.Cap)
		}
		// §6.2: black ink alone as grey, red as Y80% M80%
		want := map[typeset.Ink]string{typeset.Black: "DeviceGray 0", typeset.Red: "DeviceCMYK 0 .8 .8 0"}[r.Color]
		if got := s.Space + " " + s.Color; got != want {
			t.Errorf("rule %d: ink %q, want %q", i, got, want)
		}
	}

	out, err = exec.Command("mutool", "draw", "-q", "-F", "stext", "-o", "-", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	colours := map[string]string{}
	for _, m := range regexp.MustCompile(`<char [^>]*color="(#[0-9a-f]{6})"[^>]*c="([^"]+)"`).FindAllStringSubmatch(string(out), -1) {
		colours[html.UnescapeString(m[2])] = m[1]
	}
	if colours["发"] != "#ff3232" || colours["正"] != "#000000" {
		t.Errorf("text colours %v: want 发 #ff3232 (Y80%% M80%%), 正 #000000", colours)
	}
}

// TestSharedGlyph: — (U+2014) and ― (U+2015) are one glyph in FandolFang, so one
// ToUnicode map can name only one of them; ― is drawn with a variant font whose map
// names it, and both tools extract exactly what was typeset, at the right places.
func TestSharedGlyph(t *testing.T) {
	p, _, subs := setup(t)
	if g := subs["fangsong"].GlyphID; g('—') != g('―') {
		t.Skip("the body font has two glyphs for — and ―")
	}
	lines := []string{"甲——乙", "丙――丁", "戊—―—己"}
	res := &typeset.Result{Pages: []*typeset.Page{{Number: 1}}}
	for i, s := range lines {
		res.Pages[0].Lines = append(res.Pages[0].Lines, &typeset.Line{Baseline: typeset.Pt(100 + 30*i),
			Runs: []typeset.Run{{Font: "fangsong", Size: 16, X: 80, Tc: 0.5, Text: s}}})
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, res, p, subs, testMeta); err != nil {
		t.Fatal(err)
	}
	if got := parse(t, buf.Bytes()).texts(t)[0]; !slices.Equal(got, lines) {
		t.Errorf("decoded %q", got)
	}
	checkTools(t, "shared", buf.Bytes())
	path := tempPDF(t, "shared", buf.Bytes())
	if have(t, "pdftotext") {
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Fields(string(out)); !slices.Equal(got, lines) {
			t.Errorf("pdftotext gives %q", got)
		}
	}
	if !have(t, "mutool") {
		return
	}
	out, err := exec.Command("mutool", "draw", "-q", "-F", "stext", "-o", "-", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	var st stext
	if err := xml.Unmarshal(out, &st); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range st.Pages[0].Blocks {
		for _, l := range b.Lines {
			var text strings.Builder
			for i, c := range slices.Concat(fontChars(l.Fonts)...) {
				text.WriteString(c.C)
				// every glyph 1 em = 16 pt wide, plus Tc 0.5, whichever font draws it
				if x, _ := strconv.ParseFloat(c.X, 64); math.Abs(x-(80+16.5*float64(i))) > 0.01 {
					t.Errorf("%q at x = %s, want %.2f", c.C, c.X, 80+16.5*float64(i))
				}
			}
			got = append(got, text.String())
		}
	}
	if !slices.Equal(got, lines) {
		t.Errorf("MuPDF reads %q", got)
	}
}

// TestShapes fills outlines (the 信函's 发文机关标志 is drawn as glyph outlines): MuPDF's
// trace gives back every point, each quadratic curve as the equivalent cubic, the fill
// colour and the nonzero winding rule.
func TestShapes(t *testing.T) {
	if !have(t, "mutool") {
		t.Skip()
	}
	p, _, subs := setup(t)
	seg := func(op byte, x, y, cx, cy typeset.Pt) typeset.PathSeg {
		return typeset.PathSeg{Op: op, X: x, Y: y, CX: cx, CY: cy}
	}
	res := &typeset.Result{Pages: []*typeset.Page{{Number: 1, Shapes: []typeset.Shape{{Color: typeset.Red, Segs: []typeset.PathSeg{
		seg('M', 100, 100, 0, 0), seg('L', 200, 100, 0, 0), seg('Q', 200, 160, 230, 130), seg('L', 100, 160, 0, 0), seg('Z', 0, 0, 0, 0),
		seg('M', 120, 120, 0, 0), seg('L', 120, 140, 0, 0), seg('L', 140, 140, 0, 0), seg('Z', 0, 0, 0, 0),
	}}}}}}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, res, p, subs, testMeta); err != nil {
		t.Fatal(err)
	}
	path := tempPDF(t, "shapes", buf.Bytes())
	checkTools(t, "shapes", buf.Bytes())
	out, err := exec.Command("mutool", "draw", "-q", "-F", "trace", "-o", "-", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	fill := regexp.MustCompile(`<fill_path winding="([a-z]+)" colorspace="DeviceCMYK" color="([^"]+)"`).FindStringSubmatch(string(out))
	if fill == nil || fill[1] != "nonzero" || fill[2] != "0 .8 .8 0" && fill[2] != "0 0.8 0.8 0" {
		t.Fatalf("no red nonzero fill in the trace:\n%s", out)
	}
	var got []string
	for _, m := range regexp.MustCompile(`<(moveto|lineto|curveto|closepath)([^>]*)/>`).FindAllStringSubmatch(string(out), -1) {
		var nums []string
		for _, v := range regexp.MustCompile(`"([-\d.]+)"`).FindAllStringSubmatch(m[2], -1) {
			f, _ := strconv.ParseFloat(v[1], 64)
			nums = append(nums, strconv.FormatFloat(math.Round(f*1000)/1000, 'f', -1, 64))
		}
		got = append(got, strings.TrimSpace(m[1]+" "+strings.Join(nums, " ")))
	}
	// y from the bottom: 841.89 - y; the quadratic from (200, 100) through (230, 130) to
	// (200, 160) is the cubic with controls (220, 120) and (220, 140)
	want := []string{"moveto 100 741.89", "lineto 200 741.89", "curveto 220 721.89 220 701.89 200 681.89", "lineto 100 681.89", "closepath",
		"moveto 120 721.89", "lineto 120 701.89", "lineto 140 701.89", "closepath"}
	if !slices.Equal(got, want) {
		t.Errorf("path\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	res.Pages[0].Shapes[0].Segs[2].Op = 'C'
	if err := pdf.Write(&buf, res, p, subs, testMeta); err == nil || !strings.Contains(err.Error(), "'C'") {
		t.Errorf("an unknown path operation gave %v", err)
	}
}

// TestImage: a placed picture is an RGB image with its alpha as a soft mask, drawn
// into its box.
func TestImage(t *testing.T) {
	if !have(t, "pdfimages") || !have(t, "mutool") {
		t.Skip()
	}
	p, _, subs := setup(t)
	img := image.NewNRGBA(image.Rect(0, 0, 4, 2))
	img.SetNRGBA(0, 0, color.NRGBA{R: 255, A: 200})
	res := &typeset.Result{Pages: []*typeset.Page{{Number: 1, Images: []typeset.Image{{Path: "seal.png", X: 400, Y: 500, W: 120, H: 60}}}}}
	meta := testMeta
	meta.Images = map[string]image.Image{"seal.png": img}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, res, p, subs, meta); err != nil {
		t.Fatal(err)
	}
	path := tempPDF(t, "image", buf.Bytes())
	checkTools(t, "image", buf.Bytes())
	out, err := exec.Command("pdfimages", "-list", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	if len(rows) != 2 || !strings.Contains(rows[0], "image") || !strings.Contains(rows[1], "smask") ||
		!strings.Contains(rows[0], " 4 ") || !strings.Contains(rows[0], "rgb") {
		t.Errorf("pdfimages -list:\n%s", out)
	}
	trace, err := exec.Command("mutool", "draw", "-q", "-F", "trace", "-o", "-", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	// MuPDF traces from the top-left: the box at (400, 500), 120 × 60
	if !strings.Contains(string(trace), `transform="120 0 0 60 400 500"`) {
		t.Errorf("image not drawn into its box:\n%.600s", trace)
	}

	meta.Images = nil
	if err := pdf.Write(&buf, res, p, subs, meta); err == nil {
		t.Error("an image that was not read gave no error")
	}
}

// TestBold: a bold run is filled and stroked in its own colour (there is no bold
// face); the text after it is filled only.
func TestBold(t *testing.T) {
	if !have(t, "mutool") {
		t.Skip()
	}
	p, _, subs := setup(t)
	res := &typeset.Result{Pages: []*typeset.Page{{Number: 1, Lines: []*typeset.Line{{Baseline: 200, Runs: []typeset.Run{
		{Font: "kaiti", Size: 16, X: 100, Text: "（一）标题。", Bold: true, Width: 96},
		{Font: "fangsong", Size: 16, X: 196, Text: "正文", Width: 32},
	}}}}}}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, res, p, subs, testMeta); err != nil {
		t.Fatal(err)
	}
	path := tempPDF(t, "bold", buf.Bytes())
	out, err := exec.Command("mutool", "draw", "-q", "-F", "trace", "-o", "-", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	tr := string(out)
	if strings.Count(tr, "<stroke_text") != 1 || strings.Count(tr, "<fill_text") != 2 {
		t.Errorf("want the bold run filled and stroked, the body run filled only:\n%.1500s", tr)
	}
}
