package fonts

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

// fixtureName is one record of a fixture font's name table.
type fixtureName struct {
	platform, encoding, language, id uint16
	raw                              []byte
}

// win is a Windows Unicode name record in language lang (0x0409 English, 0x0804 Chinese).
func win(lang, id uint16, s string) fixtureName {
	var raw []byte
	for _, u := range utf16.Encode([]rune(s)) {
		raw = binary.BigEndian.AppendUint16(raw, u)
	}
	return fixtureName{3, 1, lang, id, raw}
}

// family gives the records of a regular face named en in English and zh in Chinese,
// as Windows and macOS fonts carry them.
func family(en, zh string) []fixtureName {
	recs := []fixtureName{win(0x0409, 1, en), win(0x0409, 2, "Regular"), win(0x0409, 4, en)}
	if zh != "" {
		recs = append(recs, win(0x0804, 1, zh), win(0x0804, 2, "常规"), win(0x0804, 4, zh))
	}
	return recs
}

// nameTable builds a format 0 name table.
func nameTable(recs []fixtureName) []byte {
	recs = slices.Clone(recs)
	slices.SortFunc(recs, func(a, b fixtureName) int {
		for _, d := range [][2]uint16{{a.platform, b.platform}, {a.encoding, b.encoding}, {a.language, b.language}, {a.id, b.id}} {
			if d[0] != d[1] {
				return int(d[0]) - int(d[1])
			}
		}
		return 0
	})
	be := binary.BigEndian
	out := be.AppendUint16(nil, 0)
	out = be.AppendUint16(out, uint16(len(recs)))
	out = be.AppendUint16(out, uint16(6+12*len(recs)))
	var strs []byte
	for _, r := range recs {
		for _, v := range []uint16{r.platform, r.encoding, r.language, r.id, uint16(len(r.raw)), uint16(len(strs))} {
			out = be.AppendUint16(out, v)
		}
		strs = append(strs, r.raw...)
	}
	return append(out, strs...)
}

// fixtureFont makes a small TrueType font with the given names: the bundled body font
// subset to a few characters by the package's own subsetter, its name table replaced.
func fixtureFont(t *testing.T, recs []fixtureName) []byte {
	t.Helper()
	sub, err := mustBundled(t, "body-FandolFang-Regular.ttf").Subset([]rune("一二三公文，。"))
	if err != nil {
		t.Fatal(err)
	}
	_, tables, err := readDirectory(sub, int64(len(sub)))
	if err != nil {
		t.Fatal(err)
	}
	var out []sfntTable
	for _, tb := range tables {
		data := sub[tb.offset : tb.offset+tb.length]
		if tb.tag == "name" {
			data = nameTable(recs)
		}
		out = append(out, sfntTable{tag: tb.tag, data: data})
	}
	return writeSFNT(out)
}

// install writes fixture fonts into a folder tree under root; paths use slashes.
func install(t *testing.T, root string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The roles and names of layouts/report.toml, which TestSystemFonts looks up.
var reportNames = []Request{
	{Role: "xiaobiaosong", Names: []string{"方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "CESI小标宋-GB2312", "华文中宋", "STZhongsong"}, Bundled: "title-NotoSerifSC-Bold.ttf"},
	{Role: "fangsong", Names: []string{"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "CESI仿宋-GB2312", "华文仿宋", "STFangsong"}, Bundled: "body-FandolFang-Regular.ttf"},
	{Role: "heiti", Names: []string{"黑体", "SimHei", "CESI黑体-GB2312", "黑体-简", "Heiti SC", "华文黑体", "STHeiti"}, Bundled: "heading1-NotoSansSC-Medium.ttf"},
	{Role: "kaiti", Names: []string{"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "CESI楷体-GB2312", "华文楷体", "STKaiti"}, Bundled: "heading2-ARPLKaitiMGB.ttf"},
	{Role: "songti", Names: []string{"宋体", "SimSun", "CESI宋体-GB2312", "宋体-简", "Songti SC", "华文宋体", "STSong"}, Bundled: "pagenum-NotoSerifSC-Regular.ttf"},
}

// TestSystemFonts finds the standard's fonts in folders laid out like Windows, macOS
// and UOS/Kylin keep them, by Chinese and English names and by file name.
func TestSystemFonts(t *testing.T) {
	// GB 2312 bytes of 仿宋_GB2312 in the Windows PRC encoding (3, 3): older fonts name
	// themselves so, and the names cannot be decoded without tables.
	legacy := []fixtureName{{3, 3, 0x0804, 1, []byte{0xB7, 0xC2, 0xCB, 0xCE, 0, '_', 0, 'G', 0, 'B', 0, '2', 0, '3', 0, '1', 0, '2'}}}
	simsun := makeCollection(t, fixtureFont(t, family("SimSun", "宋体")), fixtureFont(t, family("NSimSun", "新宋体")))
	songti := makeCollection(t, fixtureFont(t, family("Songti SC", "宋体-简")), fixtureFont(t, append(family("Songti SC", "宋体-简")[:1], win(0x0409, 2, "Bold"))))

	tests := []struct {
		name  string
		files map[string][]byte
		dirs  func(root string) []string
		want  map[string]string // role → path under root, or "bundled"
	}{
		{
			name: "Windows",
			files: map[string][]byte{
				"Windows/Fonts/SIMFANG.TTF": fixtureFont(t, family("FangSong", "仿宋")),
				"Windows/Fonts/simkai.ttf":  fixtureFont(t, family("KaiTi", "楷体")),
				"Windows/Fonts/simhei.ttf":  fixtureFont(t, family("SimHei", "黑体")),
				"Windows/Fonts/simsun.ttc":  simsun,
				"Windows/Fonts/FZXBSJW.TTF": fixtureFont(t, family("FZXiaoBiaoSong-B05S", "方正小标宋简体")),
				"Windows/Fonts/arial.ttf":   fixtureFont(t, family("Arial", "")),
				// Installed for one user only, with GB 2312 names: found by its file name.
				"Users/li/AppData/Local/Microsoft/Windows/Fonts/仿宋_GB2312.ttf": fixtureFont(t, legacy),
			},
			dirs: func(root string) []string {
				env := map[string]string{"WINDIR": filepath.Join(root, "Windows"), "LOCALAPPDATA": filepath.Join(root, "Users/li/AppData/Local")}
				return systemFontDirs("windows", func(k string) string { return env[k] }, filepath.Join(root, "Users/li"))
			},
			want: map[string]string{
				"xiaobiaosong": "Windows/Fonts/FZXBSJW.TTF",
				"fangsong":     "Users/li/AppData/Local/Microsoft/Windows/Fonts/仿宋_GB2312.ttf",
				"heiti":        "Windows/Fonts/simhei.ttf",
				"kaiti":        "Windows/Fonts/simkai.ttf",
				"songti":       "Windows/Fonts/simsun.ttc#0",
			},
		},
		{
			name: "macOS",
			files: map[string][]byte{
				"System/Library/Fonts/Supplemental/STFANGSO.TTF":                                     fixtureFont(t, family("STFangsong", "华文仿宋")),
				"Library/Fonts/STKAITI.TTF":                                                          fixtureFont(t, family("STKaiti", "华文楷体")),
				"Users/li/Library/Fonts/方正小标宋简体.ttf":                                                 fixtureFont(t, family("FZXiaoBiaoSong-B05S", "方正小标宋简体")),
				"System/Library/AssetsV2/com_apple_MobileAsset_Font7/3a1.asset/AssetData/Songti.ttc": songti,
			},
			dirs: func(root string) []string {
				var dirs []string
				for _, d := range systemFontDirs("darwin", func(string) string { return "" }, "/Users/li") {
					dirs = append(dirs, filepath.Join(root, d))
				}
				return dirs
			},
			want: map[string]string{
				"xiaobiaosong": "Users/li/Library/Fonts/方正小标宋简体.ttf",
				"fangsong":     "System/Library/Fonts/Supplemental/STFANGSO.TTF",
				"heiti":        "bundled",
				"kaiti":        "Library/Fonts/STKAITI.TTF",
				"songti":       "System/Library/AssetsV2/com_apple_MobileAsset_Font7/3a1.asset/AssetData/Songti.ttc#0",
			},
		},
		{
			name: "UOS and Kylin",
			files: map[string][]byte{
				"usr/share/fonts/fonts-cesi/CESI_FS_GB2312.TTF": fixtureFont(t, family("CESI_FS_GB2312", "CESI仿宋-GB2312")),
				"usr/share/fonts/fonts-cesi/CESI_KT_GB2312.TTF": fixtureFont(t, family("CESI_KT_GB2312", "CESI楷体-GB2312")),
				"usr/share/fonts/fonts-cesi/CESI_HT_GB2312.TTF": fixtureFont(t, family("CESI_HT_GB2312", "CESI黑体-GB2312")),
				// Names in a legacy encoding only: found by its file name.
				"usr/share/fonts/fonts-cesi/CESI_XBS_GB2312.TTF": fixtureFont(t, legacy),
				// Copied from a Windows computer into the user's font folder.
				"home/li/.local/share/fonts/SIMSUN.TTC": simsun,
			},
			dirs: func(root string) []string {
				var dirs []string
				for _, d := range systemFontDirs("linux", func(string) string { return "" }, "/home/li") {
					dirs = append(dirs, filepath.Join(root, d))
				}
				return dirs
			},
			want: map[string]string{
				"xiaobiaosong": "usr/share/fonts/fonts-cesi/CESI_XBS_GB2312.TTF",
				"fangsong":     "usr/share/fonts/fonts-cesi/CESI_FS_GB2312.TTF",
				"heiti":        "usr/share/fonts/fonts-cesi/CESI_HT_GB2312.TTF",
				"kaiti":        "usr/share/fonts/fonts-cesi/CESI_KT_GB2312.TTF",
				"songti":       "home/li/.local/share/fonts/SIMSUN.TTC#0",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			install(t, root, tt.files)
			r := NewResolver(tt.dirs(root), false)
			for _, req := range reportNames {
				c, err := r.Resolve(req)
				if err != nil {
					t.Fatal(err)
				}
				want := tt.want[req.Role]
				if want == "bundled" {
					if c.Origin != OriginBundled || !strings.Contains(c.Note, "未在本机找到「黑体」") {
						t.Errorf("%s: %s %s (%s), want the bundled font with a note", req.Role, c.Origin, c.Path, c.Note)
					}
					continue
				}
				got, _ := filepath.Rel(root, c.Path)
				if src := c.Face.Source(); strings.Contains(src, "#") {
					got, _ = filepath.Rel(root, src)
				}
				if c.Origin != OriginSystem || filepath.ToSlash(got) != want {
					t.Errorf("%s: %s %s, want the system font %s", req.Role, c.Origin, got, want)
				}
				if !c.Face.Has('公') || c.Face.Has('龍') {
					t.Errorf("%s: the face is not the fixture", req.Role)
				}
			}
		})
	}
}
