package ofd_test

import (
	"fmt"
	"slices"
	"strings"
)

// The element types of GB/T 33190-2016 that gongwen writes, with the elements that may
// stand beside them, written from the standard's text (its figures and tables of
// attributes, Annex A's schema): the children of each type in their order with their
// occurrences, its attributes with the required ones marked. Types we never write are
// left out; an element of one is an error (unknown), not silently accepted.

// particle is a child element: its name, its type, how often it may occur (max < 0:
// unbounded).
type particle struct {
	name, typ string
	min, max  int
}

// elemType is a complex type: its children in sequence, or in any order (anyOrder: an
// unbounded choice, as CT_Res and a layer's objects); whether it holds text; its
// attributes, a leading * marking the required ones.
type elemType struct {
	children []particle
	anyOrder bool
	text     bool
	attrs    []string
}

const unbounded = -1

func opt(name, typ string) particle  { return particle{name, typ, 0, 1} }
func one(name, typ string) particle  { return particle{name, typ, 1, 1} }
func many(name, typ string) particle { return particle{name, typ, 0, unbounded} }
func some(name, typ string) particle { return particle{name, typ, 1, unbounded} }

// graphicUnit is CT_GraphicUnit's part of every page object (§8.5, table 41): its
// children first, then its attributes, with the object's ID.
var (
	graphicUnitChildren = []particle{opt("Actions", "Actions"), opt("Clips", "Clips")}
	graphicUnitAttrs    = []string{"*ID", "*Boundary", "Name", "Visible", "CTM", "DrawParam", "LineWidth",
		"Cap", "Join", "MiterLimit", "DashOffset", "DashPattern", "Alpha"}
)

var schema = map[string]elemType{
	// OFD.xml (§7.4, figure 3, table 3)
	"OFD":     {children: []particle{some("DocBody", "DocBody")}, attrs: []string{"*Version", "*DocType"}},
	"DocBody": {children: []particle{one("DocInfo", "CT_DocInfo"), one("DocRoot", "ST_Loc"), opt("Versions", "Versions"), opt("Signatures", "ST_Loc")}},
	// §7.4, figure 4, table 4
	"CT_DocInfo": {children: []particle{one("DocID", "string"), opt("Title", "string"), opt("Author", "string"),
		opt("Subject", "string"), opt("Abstract", "string"), opt("CreationDate", "date"), opt("ModDate", "date"),
		opt("DocUsage", "string"), opt("Cover", "ST_Loc"), opt("Keywords", "Keywords"), opt("Creator", "string"),
		opt("CreatorVersion", "string"), opt("CustomDatas", "CustomDatas")}},

	// Document.xml (§7.5, figure 5, table 5)
	"Document": {children: []particle{one("CommonData", "CT_CommonData"), one("Pages", "Pages"),
		opt("Outlines", "Outlines"), opt("Permissions", "Permissions"), opt("Actions", "Actions"),
		opt("VPreferences", "VPreferences"), opt("Bookmarks", "Bookmarks"), opt("Attachments", "ST_Loc"),
		opt("Annotations", "ST_Loc"), opt("CustomTags", "ST_Loc"), opt("Extensions", "ST_Loc")}},
	// §7.5, figure 6, table 6
	"CT_CommonData": {children: []particle{one("MaxUnitID", "ST_ID"), one("PageArea", "CT_PageArea"),
		many("PublicRes", "ST_Loc"), many("DocumentRes", "ST_Loc"), many("TemplatePage", "TemplatePage"), opt("DefaultCS", "ST_RefID")}},
	// §7.6, figure 8, table 8
	"CT_PageArea": {children: []particle{one("PhysicalBox", "ST_Box"), opt("ApplicationBox", "ST_Box"),
		opt("ContentBox", "ST_Box"), opt("BleedBox", "ST_Box")}},
	// §7.6, figure 7, table 7
	"Pages":   {children: []particle{some("Page", "DocPage")}},
	"DocPage": {attrs: []string{"*ID", "*BaseLoc"}},

	// PublicRes.xml, DocumentRes.xml (§7.9, figure 14, table 14)
	"Res": {anyOrder: true, children: []particle{opt("ColorSpaces", "ColorSpaces"), opt("DrawParams", "DrawParams"),
		opt("Fonts", "Fonts"), opt("MultiMedias", "MultiMedias"), opt("CompositeGraphicUnits", "CompositeGraphicUnits")},
		attrs: []string{"BaseLoc"}},
	"ColorSpaces": {children: []particle{some("ColorSpace", "CT_ColorSpace")}},
	// §8.3.1, figure 23, table 25
	"CT_ColorSpace": {children: []particle{opt("Palette", "Palette")}, attrs: []string{"*ID", "*Type", "BitsPerComponent", "Profile"}},
	"Fonts":         {children: []particle{some("Font", "CT_Font")}},
	// §11.1, figure 58, table 44
	"CT_Font":     {children: []particle{opt("FontFile", "ST_Loc")}, attrs: []string{"*ID", "*FontName", "FamilyName", "Charset", "Italic", "Bold", "Serif", "FixedWidth"}},
	"MultiMedias": {children: []particle{some("MultiMedia", "CT_MultiMedia")}},
	// §7.9, figure 18, table 18
	"CT_MultiMedia": {children: []particle{one("MediaFile", "ST_Loc")}, attrs: []string{"*ID", "*Type", "Format"}},

	// Content.xml (§7.7, figure 11, table 11)
	"CT_Page": {children: []particle{many("Template", "Template"), many("PageRes", "ST_Loc"), opt("Area", "CT_PageArea"),
		opt("Content", "Content"), opt("Actions", "Actions")}},
	"Content": {children: []particle{some("Layer", "CT_Layer")}},
	// §7.7, figure 12, table 12; its objects per CT_PageBlock (figure 13, table 13)
	"CT_Layer": {anyOrder: true, children: []particle{many("TextObject", "CT_Text"), many("PathObject", "CT_Path"),
		many("ImageObject", "CT_Image"), many("CompositeObject", "CT_Composite"), many("PageBlock", "CT_PageBlock")},
		attrs: []string{"*ID", "Type", "DrawParam"}},
	// §11.2, figure 59, table 45: the (CGTransform*, TextCode) pairs repeat; gongwen writes
	// one TextCode and no CGTransform, which this sequence allows.
	"CT_Text": {children: append(slices.Clone(graphicUnitChildren), opt("FillColor", "CT_Color"), opt("StrokeColor", "CT_Color"),
		many("CGTransform", "CT_CGTransform"), some("TextCode", "TextCode")),
		attrs: append(slices.Clone(graphicUnitAttrs), "*Font", "*Size", "Stroke", "Fill", "HScale", "ReadDirection",
			"CharDirection", "Weight", "Italic")},
	// §11.3, table 46
	"TextCode": {text: true, attrs: []string{"X", "Y", "DeltaX", "DeltaY"}},
	// §9.1, figure 45, table 37: note StrokeColor before FillColor, unlike CT_Text
	"CT_Path": {children: append(slices.Clone(graphicUnitChildren), opt("StrokeColor", "CT_Color"), opt("FillColor", "CT_Color"),
		one("AbbreviatedData", "string")),
		attrs: append(slices.Clone(graphicUnitAttrs), "Stroke", "Fill", "Rule")},
	// §10.2, figure 57, table 43
	"CT_Image": {children: append(slices.Clone(graphicUnitChildren), opt("Border", "Border")),
		attrs: append(slices.Clone(graphicUnitAttrs), "*ResourceID", "Substitution", "ImageMask")},
	// §8.3.2, figure 24, table 26 (the shadings are left out: gongwen writes plain colours)
	"CT_Color": {attrs: []string{"Value", "Index", "ColorSpace", "Alpha"}},
}

// simple are the types whose elements hold only text.
var simple = map[string]bool{"string": true, "date": true, "ST_Loc": true, "ST_ID": true, "ST_RefID": true, "ST_Box": true}

// rootTypes gives the type of each part's root element.
var rootTypes = map[string]string{"OFD": "OFD", "Document": "Document", "Res": "Res", "Page": "CT_Page"}

// validate checks an element of type typ and everything in it against the schema:
// namespace, children and their order and number, text, attributes. It returns every
// problem, each with the element's path.
func validate(n *node, typ, path string) []string {
	path += "/" + n.name
	var errs []string
	if n.space != namespace {
		errs = append(errs, fmt.Sprintf("%s: namespace %q", path, n.space))
	}
	if simple[typ] {
		if len(n.children) > 0 || len(n.attrs) > 0 {
			errs = append(errs, path+": a simple element with children or attributes")
		}
		return errs
	}
	t, ok := schema[typ]
	if !ok {
		return append(errs, fmt.Sprintf("%s: type %s is not in the schema", path, typ))
	}
	if !t.text && strings.TrimSpace(n.text) != "" {
		errs = append(errs, fmt.Sprintf("%s: text %q in an element without text", path, n.text))
	}
	for _, a := range t.attrs {
		if name, req := strings.CutPrefix(a, "*"); req {
			if _, ok := n.attr(name); !ok {
				errs = append(errs, fmt.Sprintf("%s: required attribute %s missing", path, name))
			}
		}
	}
	for _, a := range n.attrs {
		if !slices.Contains(t.attrs, a.name) && !slices.Contains(t.attrs, "*"+a.name) {
			errs = append(errs, fmt.Sprintf("%s: attribute %s is not in %s", path, a.name, typ))
		}
	}
	children := n.children
	if t.anyOrder {
		for _, c := range children {
			i := slices.IndexFunc(t.children, func(p particle) bool { return p.name == c.name })
			if i < 0 {
				errs = append(errs, fmt.Sprintf("%s: element %s is not in %s", path, c.name, typ))
				continue
			}
			errs = append(errs, validate(c, t.children[i].typ, path)...)
		}
		return errs
	}
	i := 0
	for _, p := range t.children {
		n := 0
		for i < len(children) && children[i].name == p.name && (p.max < 0 || n < p.max) {
			errs = append(errs, validate(children[i], p.typ, path)...)
			i++
			n++
		}
		if n < p.min {
			errs = append(errs, fmt.Sprintf("%s: %s occurs %d times, at least %d wanted", path, p.name, n, p.min))
		}
	}
	if i < len(children) {
		errs = append(errs, fmt.Sprintf("%s: element %s out of order or not in %s", path, children[i].name, typ))
	}
	return errs
}
