package fonts

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// fontDir writes font files into a new temporary folder.
func fontDir(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// withFSType returns a copy of a font with OS/2.fsType set. The table checksum is left
// stale on purpose: like fpdf, Parse does not verify checksums.
func withFSType(t *testing.T, font []byte, fsType uint16) []byte {
	t.Helper()
	out := slices.Clone(font)
	_, tables, err := readDirectory(out, int64(len(out)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if tb.tag == "OS/2" {
			binary.BigEndian.PutUint16(out[tb.offset+8:], fsType)
			return out
		}
	}
	t.Fatal("no OS/2 table")
	return nil
}

func mustRead(t *testing.T, bundled string) []byte {
	t.Helper()
	data, err := Bundled(bundled)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestResolve(t *testing.T) {
	body, _ := Bundled("body-FandolFang-Regular.ttf")
	kai, _ := Bundled("heading2-ARPLKaitiMGB.ttf")
	sans, _ := Bundled("heading1-NotoSansSC-Medium.ttf")
	cff := append([]byte("OTTO"), kai[4:]...)

	plain := fontDir(t, map[string][]byte{"sub/FandolFang.ttf": body, "notes.txt": []byte("not a font")})
	restricted := fontDir(t, map[string][]byte{"fzxbs.ttf": withFSType(t, body, 0x0002)})
	noSubset := fontDir(t, map[string][]byte{"nosub.ttf": withFSType(t, body, 0x0100)})
	cffDir := fontDir(t, map[string][]byte{"kai.otf": cff})
	broken := fontDir(t, map[string][]byte{"broken.ttf": body[:200000], "garbage.ttf": []byte("garbage")})
	serif := fontDir(t, map[string][]byte{"a-bold.ttf": mustRead(t, "title-NotoSerifSC-Bold.ttf"), "b-regular.ttf": mustRead(t, "pagenum-NotoSerifSC-Regular.ttf")})
	ttc := fontDir(t, map[string][]byte{"pair.ttc": makeCollection(t, sans, kai)})

	tests := []struct {
		name     string
		dirs     []string
		req      Request
		origin   string
		path     string // suffix of Choice.Path
		family   string
		note     []string // substrings of Choice.Note; nil: Note must be empty
		errParts []string // substrings of the error; nil: no error
	}{
		{
			name:   "system font by second name",
			dirs:   []string{plain},
			req:    Request{Role: "fangsong", Names: []string{"仿宋_GB2312", "FandolFang"}, Bundled: "heading2-ARPLKaitiMGB.ttf"},
			origin: OriginSystem, path: "sub/FandolFang.ttf", family: "FandolFang",
			note: []string{"未在本机找到「仿宋_GB2312」", "使用系统字体「FandolFang」"},
		},
		{
			name:   "names match case-insensitively",
			dirs:   []string{plain},
			req:    Request{Role: "fangsong", Names: []string{"fandolfang"}, Bundled: "heading2-ARPLKaitiMGB.ttf"},
			origin: OriginSystem, path: "FandolFang.ttf", family: "FandolFang",
		},
		{
			name:   "full name matches",
			dirs:   []string{serif},
			req:    Request{Role: "xiaobiaosong", Names: []string{"Noto Serif SC Bold"}},
			origin: OriginSystem, path: "a-bold.ttf", family: "Noto Serif SC",
		},
		{
			name:   "family name prefers the regular style",
			dirs:   []string{serif},
			req:    Request{Role: "songti", Names: []string{"Noto Serif SC"}},
			origin: OriginSystem, path: "b-regular.ttf", family: "Noto Serif SC",
		},
		{
			name:   "restricted font skipped",
			dirs:   []string{restricted},
			req:    Request{Role: "xiaobiaosong", Names: []string{"FandolFang"}, Bundled: "title-NotoSerifSC-Bold.ttf"},
			origin: OriginBundled, path: "fonts/title-NotoSerifSC-Bold.ttf", family: "Noto Serif SC",
			note: []string{"系统字体「FandolFang」", "fzxbs.ttf", "不允许嵌入（fsType=2）", "改用内置字体 Noto Serif SC"},
		},
		{
			name:   "no-subsetting font skipped",
			dirs:   []string{noSubset},
			req:    Request{Role: "fangsong", Names: []string{"FandolFang"}, Bundled: "body-FandolFang-Regular.ttf"},
			origin: OriginBundled, path: "fonts/body-FandolFang-Regular.ttf", family: "FandolFang",
			note: []string{"不允许嵌入（fsType=256）"},
		},
		{
			name:   "restricted skipped, next directory used",
			dirs:   []string{restricted, plain},
			req:    Request{Role: "fangsong", Names: []string{"FandolFang"}, Bundled: "body-FandolFang-Regular.ttf"},
			origin: OriginSystem, path: "sub/FandolFang.ttf", family: "FandolFang",
			note: []string{"不允许嵌入（fsType=2）", "改用系统字体「FandolFang」"},
		},
		{
			name:   "CFF font skipped",
			dirs:   []string{cffDir},
			req:    Request{Role: "kaiti", Names: []string{"AR PL KaitiM GB"}, Bundled: "heading2-ARPLKaitiMGB.ttf"},
			origin: OriginBundled, path: "fonts/heading2-ARPLKaitiMGB.ttf", family: "AR PL KaitiM GB",
			note: []string{"kai.otf", "CFF", "改用内置字体 AR PL KaitiM GB"},
		},
		{
			name:   "damaged font skipped",
			dirs:   []string{broken},
			req:    Request{Role: "fangsong", Names: []string{"FandolFang"}, Bundled: "body-FandolFang-Regular.ttf"},
			origin: OriginBundled, path: "fonts/body-FandolFang-Regular.ttf", family: "FandolFang",
			note: []string{"未在本机找到「FandolFang」", "使用内置字体 FandolFang"},
		},
		{
			name:   "face of a collection by Chinese name",
			dirs:   []string{ttc},
			req:    Request{Role: "kaiti", Names: []string{"楷体_GB2312", "文鼎ＰＬ简中楷"}, Bundled: "body-FandolFang-Regular.ttf"},
			origin: OriginSystem, path: "pair.ttc", family: "AR PL KaitiM GB",
			note: []string{"未在本机找到「楷体_GB2312」"},
		},
		{
			name:   "nothing found",
			req:    Request{Role: "fangsong", Names: []string{"仿宋_GB2312", "FangSong"}, Bundled: "body-FandolFang-Regular.ttf"},
			origin: OriginBundled, path: "fonts/body-FandolFang-Regular.ttf", family: "FandolFang",
			note: []string{"未在本机找到「仿宋_GB2312」「FangSong」，使用内置字体 FandolFang"},
		},
		{
			name:   "no names wanted",
			dirs:   []string{plain},
			req:    Request{Role: "songti", Bundled: "pagenum-NotoSerifSC-Regular.ttf"},
			origin: OriginBundled, path: "fonts/pagenum-NotoSerifSC-Regular.ttf", family: "Noto Serif SC",
		},
		{
			name:   "explicit file wins",
			dirs:   []string{plain},
			req:    Request{Role: "kaiti", Names: []string{"FandolFang"}, File: filepath.Join(ttc, "pair.ttc"), Bundled: "body-FandolFang-Regular.ttf"},
			origin: OriginFile, path: "pair.ttc", family: "Noto Sans SC",
		},
		{
			name:     "explicit file missing",
			req:      Request{Role: "fangsong", File: "/no/such/仿宋.ttf", Bundled: "body-FandolFang-Regular.ttf"},
			errParts: []string{"fangsong", "找不到指定的字体文件 /no/such/仿宋.ttf"},
		},
		{
			name:     "explicit file is CFF",
			req:      Request{Role: "kaiti", File: filepath.Join(cffDir, "kai.otf"), Bundled: "body-FandolFang-Regular.ttf"},
			errParts: []string{"kai.otf", "CFF"},
		},
		{
			name:     "explicit file is not a font",
			req:      Request{Role: "kaiti", File: filepath.Join(broken, "garbage.ttf")},
			errParts: []string{"garbage.ttf", "不是可用的字体文件"},
		},
		{
			name:     "explicit file is damaged",
			req:      Request{Role: "kaiti", File: filepath.Join(broken, "broken.ttf")},
			errParts: []string{"broken.ttf", "超出文件末尾"},
		},
		{
			name:     "explicit file is restricted",
			req:      Request{Role: "xiaobiaosong", File: filepath.Join(restricted, "fzxbs.ttf")},
			errParts: []string{"fzxbs.ttf", "不允许嵌入（fsType=2）"},
		},
		{
			name:     "nothing found, no bundled font",
			req:      Request{Role: "heiti", Names: []string{"黑体"}},
			errParts: []string{"heiti", "未在本机找到「黑体」", "也没有指定内置字体"},
		},
		{
			name:     "unknown bundled font",
			req:      Request{Role: "heiti", Bundled: "simhei.ttf"},
			errParts: []string{"heiti", "simhei.ttf"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewResolver(tt.dirs, false).Resolve(tt.req)
			if tt.errParts != nil {
				if err == nil {
					t.Fatalf("Resolve = %+v, want an error", c)
				}
				for _, p := range tt.errParts {
					if !strings.Contains(err.Error(), p) {
						t.Errorf("error %q lacks %q", err, p)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Role != tt.req.Role || c.Origin != tt.origin || !strings.HasSuffix(filepath.ToSlash(c.Path), tt.path) {
				t.Errorf("Resolve = {%s %s %s}, want {%s %s …%s}", c.Role, c.Origin, c.Path, tt.req.Role, tt.origin, tt.path)
			}
			if c.Face == nil || c.Face.Family() != tt.family {
				t.Fatalf("Face family %q, want %q", c.Face.Family(), tt.family)
			}
			if tt.note == nil && c.Note != "" {
				t.Errorf("Note = %q, want none", c.Note)
			}
			for _, p := range tt.note {
				if !strings.Contains(c.Note, p) {
					t.Errorf("Note %q lacks %q", c.Note, p)
				}
			}
			// Whatever was chosen must measure and subset.
			if !c.Face.Has('一') || c.Face.Advance('一') != 1 {
				t.Errorf("chosen face: Has(一) %v, Advance(一) %v", c.Face.Has('一'), c.Face.Advance('一'))
			}
			if _, err := c.Face.Subset([]rune("一二三")); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestResolveCollectionFace checks the face extracted from a .ttc: a standalone font with
// valid checksums that fpdf embeds.
func TestResolveCollectionFace(t *testing.T) {
	kai, _ := Bundled("heading2-ARPLKaitiMGB.ttf")
	sans, _ := Bundled("heading1-NotoSansSC-Medium.ttf")
	dir := fontDir(t, map[string][]byte{"pair.ttc": makeCollection(t, sans, kai)})
	c, err := NewResolver([]string{dir}, false).Resolve(Request{Role: "kaiti", Names: []string{"AR PL KaitiM GB"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "pair.ttc") + "#1"; c.Face.Source() != want {
		t.Errorf("Source() = %q, want %q", c.Face.Source(), want)
	}
	checkSFNT(t, c.Face.data)
	orig := mustBundled(t, "heading2-ARPLKaitiMGB.ttf")
	for _, r := range "楷体一，1" {
		if c.Face.Advance(r) != orig.Advance(r) {
			t.Errorf("Advance(%q) = %v, want %v", r, c.Face.Advance(r), orig.Advance(r))
		}
	}
	sub, err := c.Face.Subset([]rune("楷体一，1"))
	if err != nil {
		t.Fatal(err)
	}
	renderWithFpdf(t, sub, "楷体一，1")
}

// TestResolverCaches checks that concurrent and repeated requests share one parsed face.
func TestResolverCaches(t *testing.T) {
	body, _ := Bundled("body-FandolFang-Regular.ttf")
	dir := fontDir(t, map[string][]byte{"f.ttf": body})
	r := NewResolver([]string{dir}, false)
	reqs := []Request{
		{Role: "fangsong", Names: []string{"FandolFang"}},
		{Role: "kaiti", Bundled: "heading2-ARPLKaitiMGB.ttf"},
		{Role: "file", File: filepath.Join(dir, "f.ttf")},
	}
	const n = 8
	faces := make([][n]*Face, len(reqs))
	var wg sync.WaitGroup
	for i, req := range reqs {
		for j := range n {
			wg.Go(func() {
				c, err := r.Resolve(req)
				if err != nil {
					t.Error(err)
					return
				}
				faces[i][j] = c.Face
			})
		}
	}
	wg.Wait()
	for i := range reqs {
		for j := range n {
			if faces[i][j] == nil || faces[i][j] != faces[i][0] {
				t.Fatalf("request %d: faces differ between calls", i)
			}
		}
	}
}

func TestSystemFontDirs(t *testing.T) {
	env := map[string]string{"WINDIR": `D:\Win`, "LOCALAPPDATA": `C:\Users\li\AppData\Local`}
	tests := []struct {
		goos string
		home string
		want []string
	}{
		{"windows", `C:\Users\li`, []string{filepath.Join(`D:\Win`, "Fonts"), filepath.Join(`C:\Users\li\AppData\Local`, "Microsoft", "Windows", "Fonts")}},
		{"darwin", "/Users/li", []string{"/Library/Fonts", "/System/Library/Fonts", "/System/Library/AssetsV2/com_apple_MobileAsset_Font*", "/Users/li/Library/Fonts"}},
		{"linux", "/home/li", []string{"/usr/share/fonts", "/usr/local/share/fonts", "/home/li/.fonts", "/home/li/.local/share/fonts"}},
		{"linux", "", []string{"/usr/share/fonts", "/usr/local/share/fonts"}},
	}
	for _, tt := range tests {
		got := systemFontDirs(tt.goos, func(k string) string { return env[k] }, tt.home)
		if !slices.Equal(got, tt.want) {
			t.Errorf("systemFontDirs(%s) = %q, want %q", tt.goos, got, tt.want)
		}
	}
}
