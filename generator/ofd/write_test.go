package ofd_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"image"
	"image/color"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/ofd"
	"github.com/gongwen/gongwen/generator/typeset"
)

// body is the bundled FandolFang, the body font.
func body(t *testing.T) *fonts.Face {
	t.Helper()
	f, err := fonts.ParseBundled("body-FandolFang-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var testMeta = ofd.Meta{Title: "标题", Author: "XX旗统计局", Date: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)}

// page is an A4 page with one of each thing a page holds: a line of body text whose
// opening mark gives up its left half, a bold red run, a red rule, a red outline with
// a curve, a seal image, and a page number.
func page() *typeset.Result {
	a4w, a4h := layout.MM(210).Pt(), layout.MM(297).Pt()
	return &typeset.Result{Pages: []*typeset.Page{{
		Number: 1, Width: a4w, Height: a4h,
		Lines: []*typeset.Line{{Baseline: 100, Runs: []typeset.Run{
			{Font: "body", Size: 16, X: 72, Text: "（", Half: typeset.HalfLeft},
			{Font: "body", Size: 16, X: 80, Tc: 0.5, Text: "一）"},
			{Font: "body", Size: 16, X: 120, Text: "红", Color: typeset.Red, Bold: true},
		}}},
		Rules:  []typeset.Rule{{X1: 72, Y1: 200, X2: 300, Y2: 200, Width: 1, Color: typeset.Red}},
		Shapes: []typeset.Shape{{Color: typeset.Red, Segs: []typeset.PathSeg{{Op: 'M', X: 10, Y: 10}, {Op: 'Q', CX: 20, CY: 0, X: 30, Y: 10}, {Op: 'L', X: 10, Y: 20}, {Op: 'Z'}}}},
		Images: []typeset.Image{{Path: "seal.png", X: 300, Y: 400, W: 120, H: 120}},
		Folio:  &typeset.Line{Kind: typeset.Folio, Slot: -1, Baseline: 800, Runs: []typeset.Run{{Font: "body", Size: 14, X: 400, Text: "— 1 —"}}},
	}}}
}

func seal() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.NRGBA{255, 0, 0, 255})
	return img
}

func write(t *testing.T, res *typeset.Result) []byte {
	t.Helper()
	meta := testMeta
	meta.Images = map[string]image.Image{"seal.png": seal()}
	var buf bytes.Buffer
	if err := ofd.Write(&buf, res, map[layout.Role]ofd.Face{"body": body(t)}, meta); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPageXML pins the XML of a page: the order of objects and of their children, the
// boundaries, the glyph positions in mm from the boundary, the colours.
func TestPageXML(t *testing.T) {
	p, err := read(write(t, page()))
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range p.problems {
		t.Error(pr)
	}
	got := string(p.files["Doc_0/Pages/Page_0/Content.xml"])
	// IDs: 1 GRAY, 2 CMYK, 3 the font, 4 the image, 5 the page, 6 the layer.
	// The rule's ends lie half its width (0.176 mm) inside its boundary; the outline's
	// boundary is the box of its points. The opening mark's origin is half an em (8 pt) left
	// of its box at 72 pt: 64 pt (22.578 mm); the next glyph starts at 80 pt (28.222 mm),
	// 16 pt (5.644 mm) on, and advances 16.5 pt (5.821 mm): its own em and the run's Tc.
	want := `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Area><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="6">` +
		`<ofd:PathObject ID="7" Boundary="25.223 70.379 80.787 0.353" LineWidth="0.3528"><ofd:StrokeColor ColorSpace="2" Value="0 204 204 0"/><ofd:AbbreviatedData>M 0.177 0.177 L 80.61 0.177</ofd:AbbreviatedData></ofd:PathObject>` +
		`<ofd:PathObject ID="8" Boundary="3.528 0 7.055 7.056" Stroke="false" Fill="true"><ofd:FillColor ColorSpace="2" Value="0 204 204 0"/><ofd:AbbreviatedData>M 0 3.528 Q 3.528 0 7.055 3.528 L 0 7.056 C</ofd:AbbreviatedData></ofd:PathObject>` +
		`<ofd:TextObject ID="9" Boundary="22.385 30.282 18.02 6.532" Font="3" Size="5.6444"><ofd:FillColor ColorSpace="1" Value="0"/><ofd:TextCode X="0.193" Y="4.996" DeltaX="5.644 5.821">（一）</ofd:TextCode></ofd:TextObject>` +
		`<ofd:TextObject ID="10" Boundary="42.056 30.197 6.724 6.701" Font="3" Size="5.6444" Stroke="true" LineWidth="0.1693"><ofd:FillColor ColorSpace="2" Value="0 204 204 0"/><ofd:StrokeColor ColorSpace="2" Value="0 204 204 0"/><ofd:TextCode X="0.277" Y="5.081">红</ofd:TextCode></ofd:TextObject>` +
		`<ofd:TextObject ID="11" Boundary="140.943 277.851 16.432 5.715" Font="3" Size="4.9389"><ofd:FillColor ColorSpace="1" Value="0"/><ofd:TextCode X="0.168" Y="4.371" DeltaX="4.939 1.645 2.469 1.645">— 1 —</ofd:TextCode></ofd:TextObject>` +
		`<ofd:ImageObject ID="12" Boundary="105.833 141.111 42.334 42.333" CTM="42.334 0 0 42.333 0 0" ResourceID="4"/></ofd:Layer></ofd:Content></ofd:Page>`
	if got != want {
		t.Fatalf("Content.xml:\n%s\nwant\n%s", got, want)
	}
	texts := p.pages[0].texts
	if len(texts) != 3 {
		t.Fatalf("%d text objects, want 3: the line's body runs in one, the bold red run, the page number", len(texts))
	}
	wantX := []float64{22.578, 28.222, 34.043}
	for i, x := range wantX {
		if !near(texts[0].xs[i], x) {
			t.Errorf("glyph %d at %.3f mm, want %.3f", i, texts[0].xs[i], x)
		}
	}
	if !near(texts[0].y, 35.278) {
		t.Errorf("baseline at %.3f mm, want 35.278", texts[0].y)
	}
	if p.maxUnitID != 12 {
		t.Errorf("MaxUnitID %d, want 12: the image object's", p.maxUnitID)
	}
	if res := string(p.files["Doc_0/PublicRes.xml"]); !strings.Contains(res, `<ofd:ColorSpaces><ofd:ColorSpace ID="1" Type="GRAY" BitsPerComponent="8"/><ofd:ColorSpace ID="2" Type="CMYK" BitsPerComponent="8"/></ofd:ColorSpaces><ofd:Fonts><ofd:Font ID="3" FontName="FandolFang-Regular" FamilyName="FandolFang"><ofd:FontFile>font_1.ttf</ofd:FontFile></ofd:Font></ofd:Fonts>`) {
		t.Errorf("PublicRes.xml:\n%s", res)
	}
	if res := string(p.files["Doc_0/DocumentRes.xml"]); !strings.Contains(res, `<ofd:MultiMedias><ofd:MultiMedia ID="4" Type="Image" Format="PNG"><ofd:MediaFile>image_1.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias>`) {
		t.Errorf("DocumentRes.xml:\n%s", res)
	}
	if entry := string(p.files["OFD.xml"]); !strings.Contains(entry, `<ofd:Title>标题</ofd:Title><ofd:Author>XX旗统计局</ofd:Author><ofd:CreationDate>2024-01-10</ofd:CreationDate>`) {
		t.Errorf("OFD.xml:\n%s", entry)
	}
}

// TestInks: black alone is GRAY, as the PDF's DeviceGray; a preset's mixed black and red
// are CMYK, 8 bits a component.
func TestInks(t *testing.T) {
	for _, tt := range []struct {
		name       string
		inks       layout.Inks
		black, red string
	}{
		{"standard", layout.Inks{}, `ColorSpace="1" Value="0"`, `ColorSpace="2" Value="0 204 204 0"`},
		{"rich black", layout.Inks{Black: layout.CMYK{30, 30, 30, 100}, Red: layout.CMYK{0, 100, 100, 0}},
			`ColorSpace="1" Value="77 77 77 255"`, `ColorSpace="1" Value="0 255 255 0"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := page()
			res.Inks = tt.inks
			p, err := read(write(t, res))
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range p.problems {
				t.Error(pr)
			}
			got := string(p.files["Doc_0/Pages/Page_0/Content.xml"])
			if !strings.Contains(got, `<ofd:FillColor `+tt.black+`/><ofd:TextCode`) || !strings.Contains(got, `<ofd:StrokeColor `+tt.red+`/><ofd:AbbreviatedData>`) {
				t.Errorf("want black %s and red %s in\n%s", tt.black, tt.red, got)
			}
		})
	}
}

// TestWriteErrors: what the pages need and the writer lacks is an error naming it,
// and nothing is written.
func TestWriteErrors(t *testing.T) {
	noImage := page()
	noImage.Pages[0].Images[0].Path = "other.png"
	badPath := page()
	badPath.Pages[0].Shapes[0].Segs[1].Op = 'C'
	noFont := page()
	noFont.Pages[0].Lines[0].Runs[0].Font = "title"
	missing := page()
	missing.Pages[0].Lines[0].Runs[1].Text = "一\U0001F600"
	for _, tt := range []struct {
		name string
		res  *typeset.Result
		want string
	}{
		{"image not read", noImage, "ofd: 第 1 页的图片 other.png 没有读入"},
		{"unknown path operation", badPath, "ofd: 第 1 页：未知的路径操作 'C'"},
		{"no font for a role", noFont, `ofd: no font for role "title"`},
		{"character not in the font", missing, "ofd: 字体 body："},
	} {
		t.Run(tt.name, func(t *testing.T) {
			meta := testMeta
			meta.Images = map[string]image.Image{"seal.png": seal()}
			var buf bytes.Buffer
			err := ofd.Write(&buf, tt.res, map[layout.Role]ofd.Face{"body": body(t)}, meta)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
			if buf.Len() > 0 {
				t.Errorf("%d bytes written on an error", buf.Len())
			}
		})
	}
}

type failWriter struct{}

var errDiskFull = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteFails(t *testing.T) {
	err := ofd.Write(failWriter{}, page(), map[layout.Role]ofd.Face{"body": body(t)}, ofd.Meta{Images: map[string]image.Image{"seal.png": seal()}})
	if !errors.Is(err, errDiskFull) {
		t.Errorf("error %v, want the writer's", err)
	}
}

// rezip returns the package data with edit applied to the part name.
func rezip(t *testing.T, data []byte, name string, edit func(string) string) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			if e := edit(string(b)); e != string(b) {
				b = []byte(e)
			} else {
				t.Fatalf("the edit changes nothing in %s", name)
			}
		}
		out, err := w.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(b)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReaderFindsProblems: the reader the other tests rely on finds what a broken
// package gets wrong, each with its own message.
func TestReaderFindsProblems(t *testing.T) {
	data := write(t, page())
	const content, document = "Doc_0/Pages/Page_0/Content.xml", "Doc_0/Document.xml"
	replace := func(old, new string) func(string) string {
		return func(s string) string { return strings.Replace(s, old, new, 1) }
	}
	for _, tt := range []struct {
		name, part string
		edit       func(string) string
		want       string
	}{
		{"an ID twice", content, replace(`ID="12"`, `ID="11"`), "ID 11 is already"},
		{"an ID above MaxUnitID", document, replace(`<ofd:MaxUnitID>12<`, `<ofd:MaxUnitID>11<`), "ID 12 > MaxUnitID 11"},
		{"MaxUnitID too high", document, replace(`<ofd:MaxUnitID>12<`, `<ofd:MaxUnitID>20<`), "MaxUnitID 20 is no object's ID"},
		{"no such font", content, replace(`Font="3"`, `Font="12"`), `font "12" is not a resource`},
		{"no such colour space", content, replace(`ColorSpace="2"`, `ColorSpace="7"`), `colour space "7" is not a resource`},
		{"no such image", content, replace(`ResourceID="4"`, `ResourceID="3"`), `resource "3" is not a multimedia resource`},
		{"no such page", document, replace(`Pages/Page_0/`, `Pages/Page_1/`), "part Doc_0/Pages/Page_1/Content.xml is missing"},
		{"no such font file", "Doc_0/PublicRes.xml", replace(`font_1.ttf`, `font_2.ttf`), "file font_2.ttf (Doc_0/Res/font_2.ttf) is missing"},
		{"colour after the text", content, replace(`<ofd:FillColor ColorSpace="1" Value="0"/><ofd:TextCode X="0.193" Y="4.996" DeltaX="5.644 5.821">（一）</ofd:TextCode>`,
			`<ofd:TextCode X="0.193" Y="4.996" DeltaX="5.644 5.821">（一）</ofd:TextCode><ofd:FillColor ColorSpace="1" Value="0"/>`), "element FillColor out of order"},
		{"fill before stroke in a path", content, replace(`Fill="true"><ofd:FillColor ColorSpace="2" Value="0 204 204 0"/>`,
			`Fill="true"><ofd:FillColor ColorSpace="2" Value="0 204 204 0"/><ofd:StrokeColor ColorSpace="2" Value="0 204 204 0"/>`), "element StrokeColor out of order"},
		{"no size", content, replace(` Size="5.6444"`, ``), "required attribute Size missing"},
		{"an unknown attribute", content, replace(` Size="5.6444"`, ` Size="5.6444" Colour="red"`), "attribute Colour is not in CT_Text"},
		{"a DeltaX short", content, replace(`DeltaX="5.644 5.821"`, `DeltaX="5.644"`), "3 characters, 1 DeltaX"},
		{"the g shorthand", content, replace(`DeltaX="5.644 5.821"`, `DeltaX="g 2 5.644"`), `DeltaX "g": only plain numbers`},
		{"another namespace", "OFD.xml", replace(`xmlns:ofd="http://www.ofdspec.org/2016"`, `xmlns:ofd="http://www.ofdspec.org/2015"`), `/OFD: namespace "http://www.ofdspec.org/2015"`},
		{"no DocInfo", "OFD.xml", func(s string) string {
			return s[:strings.Index(s, "<ofd:DocInfo>")] + s[strings.Index(s, "</ofd:DocInfo>")+len("</ofd:DocInfo>"):]
		}, "DocInfo occurs 0 times, at least 1 wanted"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := read(rezip(t, data, tt.part, tt.edit))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(p.problems, func(s string) bool { return strings.Contains(s, tt.want) }) {
				t.Errorf("problems %q, want one with %q", p.problems, tt.want)
			}
		})
	}
	if p, err := read(data); err != nil || len(p.problems) > 0 {
		t.Errorf("the package unchanged: %v %q", err, p.problems)
	}
}

// FuzzWrite draws any string in the body font, as a title and author too: either the
// package reads back without a problem and with the text exactly, or the writer refuses
// with an error that names a character.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"正文", "张珺", "—―—", "𠀀", "a\xffb", "", "（一）扎实开展“学习”…… 2023年9次", "<&>\"'"} {
		f.Add(s)
	}
	face, err := fonts.ParseBundled("body-FandolFang-Regular.ttf")
	if err != nil {
		f.Fatal(err)
	}
	faces := map[layout.Role]ofd.Face{"body": face}
	f.Fuzz(func(t *testing.T, s string) {
		res := &typeset.Result{Pages: []*typeset.Page{{Number: 1, Width: 595, Height: 842, Lines: []*typeset.Line{
			{Baseline: 100, Runs: []typeset.Run{{Font: "body", Size: 16, X: 80, Text: s}}},
		}}}}
		var buf bytes.Buffer
		if err := ofd.Write(&buf, res, faces, ofd.Meta{Title: s, Author: s, Date: testMeta.Date}); err != nil {
			if !strings.Contains(err.Error(), "U+") {
				t.Fatalf("error without the character: %v", err)
			}
			return
		}
		p, err := read(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if len(p.problems) > 0 {
			t.Fatalf("problems: %q", p.problems)
		}
		want := string([]rune(s)) // invalid UTF-8 is drawn as U+FFFD
		if got := p.pages[0].text(); got != want {
			t.Fatalf("read back %q, want %q", got, want)
		}
	})
}
