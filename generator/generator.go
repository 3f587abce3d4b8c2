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

// Output is a built document in memory.
type Output struct {
	Doc       *model.Document
	Preset    *layout.Preset
	Pages     int
	Fonts     []fonts.Choice
	Fallbacks []typeset.Fallback
	Files     map[Format][]byte

	file string // the content file's name and text, to place messages
	src  []byte
}

// Render parses a content file and produces the requested formats in memory.
func (b *Builder) Render(file string, src []byte, formats []Format) (*Output, error) {
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
		pos := doc.Fields["layout"]
		if pos.File == "" {
			pos.File = file
		}
		return nil, &content.Error{Pos: pos, Field: "layout", Msg: err.Error(), Source: sourceLine(src, pos.Line),
			Hint: "版式文件的路径相对于内容文件所在的目录；也可以写内置版式的名称，例如 layout = \"report\""}
	}
	if err := fits(doc, preset); err != nil {
		if ce, ok := err.(*content.Error); ok {
			ce.Source = sourceLine(src, ce.Pos.Line)
		}
		return nil, err
	}
	out := &Output{Doc: doc, Preset: preset, Files: map[Format][]byte{}, file: file, src: src}
	for _, f := range formats {
		if f != PDF && f != DOCX {
			return nil, fmt.Errorf("不支持的输出格式「%s」（可用：pdf、docx）", f)
		}
	}
	// The writers only read the document and the preset, so they run side by side.
	bufs := make([]bytes.Buffer, len(formats))
	errs := make([]error, len(formats))
	var wg sync.WaitGroup
	for i, f := range formats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if f == PDF {
				errs[i] = b.renderPDF(&bufs[i], out)
			} else {
				errs[i] = docx.Write(&bufs[i], doc, preset)
			}
		}()
	}
	wg.Wait()
	for i, f := range formats {
		if errs[i] != nil {
			return nil, located(file, src, errs[i])
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
			return nil, &content.Error{Pos: pos, Field: key, Msg: err.Error(), Source: line,
				Hint: "file 写字体文件的路径（.ttf 或 .ttc）；或删除 file 这一行，使用本机或内置的字体"}
		}
		out = append(out, c)
	}
	return out, nil
}

func (b *Builder) renderPDF(buf *bytes.Buffer, out *Output) error {
	choices, err := b.Fonts(out.Preset)
	if err != nil {
		return err
	}
	out.Fonts = choices
	faces := typeset.Fonts{}
	subsetters := map[layout.Role]pdf.Subsetter{}
	for _, c := range choices {
		faces[layout.Role(c.Role)] = c.Face
		subsetters[layout.Role(c.Role)] = c.Face
	}
	res, err := typeset.Typeset(out.Doc, out.Preset, faces)
	if err != nil {
		return err
	}
	out.Pages = len(res.Pages)
	out.Fallbacks = res.Fallbacks
	for i := range out.Fallbacks {
		out.Fallbacks[i].Pos, _ = findRune(out.file, out.Fallbacks[i].Rune, out.Fallbacks[i].Pos, out.src)
	}
	images, err := loadImages(out.Doc)
	if err != nil {
		return err
	}
	d := out.Doc.Date
	meta := pdf.Meta{Title: out.Doc.Title, Author: out.Doc.Author, Images: images,
		Date: time.Date(max(d.Year, 2000), time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)}
	return pdf.Write(buf, res, out.Preset, subsetters, meta)
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
	path := doc.Seal
	if !filepath.IsAbs(path) && pos.File != "" {
		path = filepath.Join(filepath.Dir(pos.File), path)
	}
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
