// Package generator runs the whole pipeline: content file → model → layout preset →
// typeset pages → PDF, and model + preset → DOCX. Each stage lives in its own
// sub-package; this one only wires them together and writes the files atomically.
package generator

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/docx"
	"github.com/gongwen/gongwen/generator/layout"
	"github.com/gongwen/gongwen/generator/model"
	"github.com/gongwen/gongwen/generator/ofd"
	"github.com/gongwen/gongwen/generator/pdf"
	"github.com/gongwen/gongwen/generator/typeset"
	"github.com/gongwen/gongwen/internal/safefile"
)

// Format is an output format.
type Format string

// Output formats.
const (
	PDF  Format = "pdf"
	DOCX Format = "docx"
	OFD  Format = "ofd" // GB/T 33190-2016, China's fixed-layout format for electronic 公文
)

// Builder builds documents. It keeps the parsed fonts, so a rebuild (watch mode)
// parses no font twice.
type Builder struct {
	fonts *fonts.Resolver
}

// NewBuilder returns a Builder that looks for fonts in dirs and, when system is set,
// in the computer's font folders before falling back to the bundled fonts.
func NewBuilder(dirs []string, system bool) *Builder {
	return &Builder{fonts: fonts.NewResolver(dirs, system)}
}

// Compiled is a content file typeset: the document, its preset, its pages as the
// PDF prints them, and what its author should be told. It is everything the writers
// need: Export turns it into a file without reading the content again.
type Compiled struct {
	Doc      *model.Document
	Preset   *layout.Preset
	Result   *typeset.Result
	Fonts    []fonts.Choice
	Faces    typeset.Fonts // the font of each role, as the pages were set with them
	Warnings []*content.Error
	Inputs   []string // the files read besides the content file (a user preset, the seal)

	file   string // the content file's name and text, to place messages
	src    []byte
	images map[string]image.Image
	// the pagination the DOCX keeps, set with the bundled fonts as a word processor
	// with the free fonts sets the text; Result when the pages used them too
	docx      *typeset.Result
	docxFaces typeset.Fonts
}

// Compile parses a content file and typesets it. A mistake in the content is a
// *content.Error or content.Errors, placed in the file.
func (b *Builder) Compile(file string, src []byte) (*Compiled, error) {
	doc, err := content.Parse(file, src)
	if err != nil {
		return nil, err
	}
	name := doc.Layout
	if name == "" {
		name = "report"
	}
	preset, err := layout.LoadFrom(filepath.Dir(file), name)
	if err != nil {
		if errors.As(err, new(*content.Error)) {
			return nil, err // placed in the preset file
		}
		return nil, presetError(file, src, doc, name, err)
	}
	c := &Compiled{Doc: doc, Preset: preset, file: file, src: src}
	if strings.HasSuffix(name, ".toml") {
		c.Inputs = append(c.Inputs, filepath.Join(filepath.Dir(file), name))
	}
	if err := fits(doc, preset); err != nil {
		if ce, ok := err.(*content.Error); ok {
			ce.Source = sourceLine(src, ce.Pos.Line)
		}
		return nil, err
	}
	if c.Fonts, err = b.Fonts(preset); err != nil {
		return nil, err
	}
	c.Faces = typeset.Fonts{}
	bundled := true
	for _, ch := range c.Fonts {
		c.Faces[layout.Role(ch.Role)] = ch.Face
		bundled = bundled && ch.Origin == fonts.OriginBundled
	}
	if c.Result, err = typeset.Typeset(doc, preset, c.Faces); err != nil {
		return nil, located(file, src, err)
	}
	for _, fb := range c.Result.Fallbacks {
		pos, line := findRune(file, fb.Rune, fb.Pos, src)
		c.Warnings = append(c.Warnings, &content.Error{Severity: content.Warning, Pos: pos, Source: line,
			Msg: fmt.Sprintf("「%c」（U+%04X）在%s字体中没有，改用%s字体", fb.Rune, fb.Rune, fb.Want.Chinese(), fb.Got.Chinese())})
	}
	// The DOCX breaks its pages where the text set in the free fonts breaks them
	// (docx/pages.go): the same pages, unless the PDF's fonts are the computer's own.
	c.docx, c.docxFaces = c.Result, c.Faces
	if !bundled {
		if c.docxFaces, err = b.bundledFaces(preset); err == nil {
			c.docx, err = typeset.Typeset(doc, preset, c.docxFaces)
		}
		if err != nil {
			c.docx, c.docxFaces = nil, nil // the DOCX falls back to rules without pagination
		}
	}
	if c.images, err = loadImages(doc); err != nil {
		return nil, err
	}
	if doc.Seal != "" {
		c.Inputs = append(c.Inputs, sealPath(doc))
	}
	return c, nil
}

// Pages is the number of pages.
func (c *Compiled) Pages() int { return len(c.Result.Pages) }

// Images are the pictures the pages place (the seal), by the name the content gives.
func (c *Compiled) Images() map[string]image.Image { return c.images }

// Export writes the document in the format f.
func (c *Compiled) Export(w io.Writer, f Format) error {
	var err error
	d := c.Doc.Date
	date := time.Date(max(d.Year, 2000), time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
	switch f {
	case PDF:
		subsetters := map[layout.Role]pdf.Subsetter{}
		for _, ch := range c.Fonts {
			subsetters[layout.Role(ch.Role)] = ch.Face
		}
		meta := pdf.Meta{Title: c.Doc.Title, Author: c.Doc.Author, Images: c.images, Date: date}
		err = pdf.Write(w, c.Result, c.Preset, subsetters, meta)
	case DOCX:
		err = docx.Write(w, c.Doc, c.Preset, c.docx, c.docxFaces)
	case OFD:
		faces := map[layout.Role]ofd.Face{}
		for _, ch := range c.Fonts {
			faces[layout.Role(ch.Role)] = ch.Face
		}
		meta := ofd.Meta{Title: c.Doc.Title, Author: c.Doc.Author, Images: c.images, Date: date}
		err = ofd.Write(w, c.Result, faces, meta)
	default:
		return fmt.Errorf("不支持的输出格式「%s」（可用：pdf、docx、ofd）", f)
	}
	if err != nil {
		return located(c.file, c.src, err)
	}
	return nil
}

// Output is a built document in memory.
type Output struct {
	*Compiled
	Pages     int
	Fallbacks []typeset.Fallback // placed at the character in the content file
	Files     map[Format][]byte
}

// Render compiles a content file and exports the requested formats in memory.
func (b *Builder) Render(file string, src []byte, formats []Format) (*Output, error) {
	for _, f := range formats {
		if f != PDF && f != DOCX && f != OFD {
			return nil, fmt.Errorf("不支持的输出格式「%s」（可用：pdf、docx、ofd）", f)
		}
	}
	c, err := b.Compile(file, src)
	if err != nil {
		return nil, err
	}
	out := &Output{Compiled: c, Pages: c.Pages(), Files: map[Format][]byte{}}
	for _, fb := range c.Result.Fallbacks {
		fb.Pos, _ = findRune(file, fb.Rune, fb.Pos, src)
		out.Fallbacks = append(out.Fallbacks, fb)
	}
	// The writers only read the compiled document, so they run side by side.
	bufs := make([]bytes.Buffer, len(formats))
	errs := make([]error, len(formats))
	var wg sync.WaitGroup
	for i, f := range formats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = c.Export(&bufs[i], f)
		}()
	}
	wg.Wait()
	for i, f := range formats {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out.Files[f] = bufs[i].Bytes()
	}
	return out, nil
}

// located turns a character error of the typesetter, which knows only where the
// paragraph starts, into a content error at the character itself, with its line.
func located(file string, src []byte, err error) error {
	var te *typeset.TableError
	if errors.As(err, &te) {
		return &content.Error{Pos: te.Pos, Source: sourceLine(src, te.Pos.Line),
			Msg:  fmt.Sprintf("表格「%s」有 %d 列，太宽：表格字号缩到最小也排不下版心（最多约 %d 列）", te.Title, te.Columns, te.Max),
			Hint: fmt.Sprintf("把表格拆成几张，每张不超过 %d 列；或把行和列互换（转置），让列数变少", te.Max)}
	}
	var ce *typeset.CharError
	if !errors.As(err, &ce) {
		var e *content.Error
		if errors.As(err, &e) && e.Source == "" && e.Pos.File == file {
			e.Source = sourceLine(src, e.Pos.Line)
		}
		return err
	}
	pos, line := findRune(file, ce.Rune, ce.Pos, src)
	hint := "换用其他写法，或在版式的 [fonts] 中指定含有这个字的字体文件（file = \"…\"）"
	return &content.Error{Pos: pos, Msg: fmt.Sprintf("字符「%c」（U+%04X）%s", ce.Rune, ce.Rune, ce.Why), Source: line, Hint: hint}
}

// findRune finds where r first stands in the content file at or after from (the
// start of its paragraph, or the key of a field), and that line of the file. Text the
// content file does not hold (a preset's page number) is placed in the file itself.
func findRune(file string, r rune, from model.Pos, src []byte) (model.Pos, string) {
	if from.File == "" {
		from.File = file
	}
	if src == nil {
		return from, ""
	}
	for _, t := range content.Texts(from.File, src) {
		for i, c := range t.Text {
			if c != r {
				continue
			}
			if p := t.Pos(i); p.Line > from.Line || p.Line == from.Line && p.Col >= from.Col {
				return p, sourceLine(src, p.Line)
			}
		}
	}
	return from, sourceLine(src, from.Line)
}

// sourceLine returns line n (1-based) of src.
func sourceLine(src []byte, n int) string {
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// fits checks what only the preset can tell: a 签发人 belongs to an 上行文 preset, and
// the 标志 of a 联合行文 stacks only so many names before the 发文字号 leaves page 1.
func fits(doc *model.Document, p *layout.Preset) error {
	if n, most := len(doc.Header.Issuers), p.MarkMaxIssuers(); n > most {
		return &content.Error{Pos: doc.Fields["issuer"], Field: "issuer",
			Msg: fmt.Sprintf("联合行文的发文机关标志有 %d 个机关，排不下：版式「%s」的标志最多排 %d 个机关名称（字号已缩到最小 %g 磅）",
				n, p.Name, most, float64(p.Header.MarkMinSize)),
			Hint: "issuer 只列主办机关和主要联署机关（署名 author 仍可列出全部机关）"}
	}
	if len(doc.Header.Signers) > 0 && !p.Header.Signers {
		return &content.Error{Pos: doc.Fields["signers"], Field: "signers",
			Msg:  "签发人只用于上行文：版式「" + p.Name + "」没有签发人（§7.2.6）",
			Hint: `请示、报告等上行文写 layout = "request"；否则删除 signers 这一行`}
	}
	return nil
}

// Fonts resolves the font of every role of the preset.
func (b *Builder) Fonts(p *layout.Preset) ([]fonts.Choice, error) {
	roles := make([]layout.Role, 0, len(p.Fonts))
	for r := range p.Fonts {
		roles = append(roles, r)
	}
	sort.Slice(roles, func(i, j int) bool { return roles[i] < roles[j] })
	var out []fonts.Choice
	for _, r := range roles {
		fr := p.Fonts[r]
		c, err := b.fonts.Resolve(fonts.Request{Role: string(r), Names: fr.Names, File: fr.File, Bundled: fr.Bundled})
		if err != nil {
			key := "fonts." + string(r)
			if fr.File != "" {
				key += ".file"
			}
			pos, line := p.Pos(key)
			return nil, &content.Error{Pos: pos, Msg: err.Error() + "（字段 " + key + "）", Source: line,
				Hint: "file 写字体文件的路径（.ttf 或 .ttc）；或删除 file 这一行，使用本机或内置的字体"}
		}
		out = append(out, c)
	}
	return out, nil
}

// Seal limits: a seal 42 mm across is 1000 pixels at 600 dpi; the cap keeps the
// decoded image (4 bytes a pixel) under 64 MB.
const (
	maxSealFile = 16 << 20
	maxSealSide = 4096
)

// loadImages reads the pictures the document places (the seal, a PNG file named
// relative to the content file), keyed by the name the content gives. The size is
// read from the PNG header before the picture is decoded.
func loadImages(doc *model.Document) (map[string]image.Image, error) {
	if doc.Seal == "" {
		return nil, nil
	}
	pos := doc.Fields["seal"]
	path := sealPath(doc)
	bad := func(msg, hint string) error {
		return &content.Error{Pos: pos, Field: "seal", Msg: msg, Hint: hint}
	}
	data, err := safefile.ReadPath(path, maxSealFile)
	if err != nil {
		var e *safefile.Error
		errors.As(err, &e)
		return nil, bad("无法读取印章图片 "+path+"："+e.Reason, "检查文件名；路径相对于内容文件所在的目录")
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, bad("印章图片 "+doc.Seal+" 不是 PNG 图片", "把印章另存为 PNG 格式（背景透明为佳）")
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > maxSealSide || cfg.Height > maxSealSide {
		return nil, bad(fmt.Sprintf("印章图片 %s 有 %d × %d 像素，太大：每边最多 %d 像素", doc.Seal, cfg.Width, cfg.Height, maxSealSide),
			"把印章图片缩小到 1000 × 1000 像素左右（600 dpi 下 42 毫米约 1000 像素）")
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, bad("印章图片 "+doc.Seal+" 已损坏，无法读出", "重新导出印章图片，另存为 PNG 格式")
	}
	return map[string]image.Image{doc.Seal: img}, nil
}

// sealPath is the seal image's file: named relative to the content file.
func sealPath(doc *model.Document) string {
	path, pos := doc.Seal, doc.Fields["seal"]
	if !filepath.IsAbs(path) && pos.File != "" {
		path = filepath.Join(filepath.Dir(pos.File), path)
	}
	return path
}

// bundledFaces resolves every role of the preset to its bundled font.
func (b *Builder) bundledFaces(p *layout.Preset) (typeset.Fonts, error) {
	f := typeset.Fonts{}
	for role, fr := range p.Fonts {
		if fr.Bundled == "" {
			return nil, fmt.Errorf("版式「%s」的字体角色「%s」没有内置字体", p.Name, role)
		}
		c, err := b.fonts.Resolve(fonts.Request{Role: string(role), Bundled: fr.Bundled})
		if err != nil {
			return nil, err
		}
		f[role] = c.Face
	}
	return f, nil
}
