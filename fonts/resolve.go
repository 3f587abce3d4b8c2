package fonts

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/gongwen/gongwen/internal/safefile"
)

// MaxFileSize is the largest font file read. The largest TrueType CJK fonts, with
// every extension block, are about 60 MB.
const MaxFileSize = 128 << 20

// Request says which font a role wants. The caller fills it from the layout preset.
type Request struct {
	Role    string   // "fangsong", "heiti", ...
	Names   []string // family names to look for on this computer, in order (e.g. "仿宋_GB2312", "FangSong")
	File    string   // explicit font file path; wins over Names
	Bundled string   // bundled file name used when nothing else is found
}

// Origins of a Choice.
const (
	OriginFile    = "指定文件"
	OriginSystem  = "系统字体"
	OriginBundled = "内置字体"
)

// Choice is the font that serves a role and why.
type Choice struct {
	Role   string
	Face   *Face
	Origin string // OriginFile, OriginSystem or OriginBundled
	Path   string // file path, or "fonts/NAME" for a bundled font
	Note   string // in Chinese, why a wanted font was not used; empty if nothing to report
}

// Resolver finds fonts and caches parsed faces, so repeated builds (watch mode) parse each
// font once. It is safe for concurrent use.
//
// The font folders are scanned once, on the first Resolve that needs them, reading only the
// table directory and name table of each .ttf, .ttc and .otf file. Fonts installed later are
// seen by a new Resolver.
type Resolver struct {
	dirs []string

	scanOnce sync.Once
	index    []indexEntry

	mu    sync.Mutex
	faces map[string]*faceEntry
}

// indexEntry is one face found in the font folders.
type indexEntry struct {
	path       string
	face       int  // index in a collection, 0 otherwise
	collection bool // the file is a .ttc
	cff        bool
	families   []string
	full       []string
	regular    bool
}

func (e indexEntry) matches(name string) bool {
	for _, list := range [][]string{e.families, e.full} {
		for _, n := range list {
			if strings.EqualFold(n, name) {
				return true
			}
		}
	}
	return false
}

// faceEntry caches one parsed face; once makes concurrent requests parse it only once.
type faceEntry struct {
	once sync.Once
	face *Face
	err  error
}

// NewResolver returns a Resolver that looks in dirs (e.g. from --font-dir) and, if system
// is set, then in the operating system's font folders.
func NewResolver(dirs []string, system bool) *Resolver {
	all := append([]string(nil), dirs...)
	if system {
		home, _ := os.UserHomeDir()
		all = append(all, systemFontDirs(runtime.GOOS, os.Getenv, home)...)
	}
	return &Resolver{dirs: all, faces: make(map[string]*faceEntry)}
}

// systemFontDirs lists where an operating system keeps fonts, system-wide first.
func systemFontDirs(goos string, getenv func(string) string, home string) []string {
	var dirs []string
	switch goos {
	case "windows":
		win := getenv("WINDIR")
		if win == "" {
			win = `C:\Windows`
		}
		dirs = append(dirs, filepath.Join(win, "Fonts"))
		if local := getenv("LOCALAPPDATA"); local != "" {
			dirs = append(dirs, filepath.Join(local, "Microsoft", "Windows", "Fonts"))
		}
	case "darwin", "ios":
		// The 华文 fonts are in /System/Library/Fonts/Supplemental or, on recent systems,
		// downloaded on demand into the font assets.
		dirs = append(dirs, "/Library/Fonts", "/System/Library/Fonts",
			"/System/Library/AssetsV2/com_apple_MobileAsset_Font*")
		if home != "" {
			dirs = append(dirs, filepath.Join(home, "Library", "Fonts"))
		}
	default:
		// UOS and Kylin keep theirs (the CESI fonts, WPS's) under /usr/share/fonts too.
		dirs = append(dirs, "/usr/share/fonts", "/usr/local/share/fonts")
		if home != "" {
			dirs = append(dirs, filepath.Join(home, ".fonts"), filepath.Join(home, ".local", "share", "fonts"))
		}
	}
	return dirs
}

// Resolve picks the font for a role: req.File if set, else the first of req.Names found in
// the font folders that is TrueType and may be embedded, else the bundled font req.Bundled.
// It is an error when req.File cannot be used, or nothing is found and req.Bundled is empty.
func (r *Resolver) Resolve(req Request) (Choice, error) {
	c := Choice{Role: req.Role}
	if req.File != "" {
		face, err := r.loadFile(req.File, req.Names)
		if err != nil {
			return c, fmt.Errorf("字体角色「%s」：%w", req.Role, err)
		}
		c.Face, c.Origin, c.Path = face, OriginFile, req.File
		return c, nil
	}

	var skipped, missing []string
	for _, name := range req.Names {
		found := false
		for _, e := range r.lookup(name) {
			found = true
			face, err := r.loadEntry(e)
			if err != nil {
				skipped = append(skipped, fmt.Sprintf("系统字体「%s」（%s）%v", name, e.path, err))
				continue
			}
			if !face.Embeddable() {
				skipped = append(skipped, fmt.Sprintf("系统字体「%s」（%s）不允许嵌入（fsType=%d）", name, e.path, face.fsType))
				continue
			}
			c.Face, c.Origin, c.Path = face, OriginSystem, e.path
			c.Note = note(skipped, missing, fmt.Sprintf("使用系统字体「%s」", name))
			return c, nil
		}
		if !found {
			missing = append(missing, name)
		}
	}

	if req.Bundled == "" {
		return c, fmt.Errorf("字体角色「%s」没有可用的字体：%s", req.Role, note(skipped, missing, "也没有指定内置字体"))
	}
	face, err := r.loadBundled(req.Bundled)
	if err != nil {
		return c, fmt.Errorf("字体角色「%s」：%w", req.Role, err)
	}
	c.Face, c.Origin, c.Path = face, OriginBundled, "fonts/"+req.Bundled
	if len(skipped)+len(missing) > 0 {
		c.Note = note(skipped, missing, "使用内置字体 "+face.Family())
	}
	return c, nil
}

// note explains a choice: why the fonts tried first were not used, then what was used.
func note(skipped, missing []string, used string) string {
	var parts []string
	if len(missing) > 0 {
		msg := "未在本机找到「" + strings.Join(missing, "」「") + "」"
		parts = append(parts, msg)
	}
	parts = append(parts, skipped...)
	if len(parts) == 0 {
		return ""
	}
	if len(skipped) > 0 {
		used = strings.Replace(used, "使用", "改用", 1)
	}
	return strings.Join(parts, "；") + "，" + used
}

// lookup returns the faces whose family or full name is name (case-insensitive), regular
// styles first, then in folder order.
func (r *Resolver) lookup(name string) []indexEntry {
	r.scanOnce.Do(r.scan)
	var regular, other []indexEntry
	for _, e := range r.index {
		if !e.matches(name) {
			continue
		}
		if e.regular {
			regular = append(regular, e)
		} else {
			other = append(other, e)
		}
	}
	return append(regular, other...)
}

// expandDirs replaces each folder pattern (with *) by the folders it matches, in order.
func expandDirs(dirs []string) []string {
	var out []string
	for _, d := range dirs {
		if !strings.Contains(d, "*") {
			out = append(out, d)
			continue
		}
		m, _ := filepath.Glob(d)
		out = append(out, m...)
	}
	return out
}

// scan indexes the font folders. Unreadable folders and files are skipped: a broken font
// somewhere on the system must not stop a build that does not need it. Files are read by
// a few goroutines, as the cost is mostly system calls (open, a few small reads, close);
// the index keeps folder order, so the result does not depend on timing.
func (r *Resolver) scan() {
	var paths []string
	seen := make(map[string]bool)
	for _, dir := range expandDirs(r.dirs) {
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isFontFile(path) || seen[path] {
				return nil
			}
			seen[path] = true
			paths = append(paths, path)
			return nil
		})
	}
	found := make([][]indexEntry, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(len(paths), 8) {
		wg.Go(func() {
			for i := range next {
				found[i] = indexFile(paths[i])
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, entries := range found {
		r.index = append(r.index, entries...)
	}
}

// knownFile is a font file that an operating system or office suite installs under a
// fixed name, and the family names it provides.
type knownFile struct {
	names []string
	face  int // the face of a collection that has these names
}

// knownFiles are the standard's fonts by file name (lower case), so that they are found
// even when their name table holds the Chinese names only in a legacy encoding (GB 2312
// records of older Windows fonts, which cannot be decoded without tables).
var knownFiles = map[string]knownFile{
	// Windows (C:\Windows\Fonts) and Office.
	"simfang.ttf":      {names: []string{"仿宋", "FangSong"}},
	"simkai.ttf":       {names: []string{"楷体", "KaiTi"}},
	"simhei.ttf":       {names: []string{"黑体", "SimHei"}},
	"simsun.ttc":       {names: []string{"宋体", "SimSun"}},
	"fzxbsjw.ttf":      {names: []string{"方正小标宋简体", "FZXiaoBiaoSong-B05S"}},
	"fzxbsk.ttf":       {names: []string{"方正小标宋_GBK", "FZXiaoBiaoSong-B05"}},
	"仿宋_gb2312.ttf":    {names: []string{"仿宋_GB2312", "FangSong_GB2312"}},
	"楷体_gb2312.ttf":    {names: []string{"楷体_GB2312", "KaiTi_GB2312"}},
	"fs_gb2312.ttf":    {names: []string{"仿宋_GB2312", "FangSong_GB2312"}},
	"kaiti_gb2312.ttf": {names: []string{"楷体_GB2312", "KaiTi_GB2312"}},
	// macOS and Office for Mac: the 华文 fonts.
	"stfangso.ttf": {names: []string{"华文仿宋", "STFangsong"}},
	"stkaiti.ttf":  {names: []string{"华文楷体", "STKaiti"}},
	"stsong.ttf":   {names: []string{"华文宋体", "STSong"}},
	"stzhongs.ttf": {names: []string{"华文中宋", "STZhongsong"}},
	"stheiti.ttf":  {names: []string{"华文黑体", "STHeiti"}},
	// UOS and Kylin: the CESI fonts (fonts-cesi).
	"cesi_fs_gb2312.ttf":  {names: []string{"CESI仿宋-GB2312"}},
	"cesi_kt_gb2312.ttf":  {names: []string{"CESI楷体-GB2312"}},
	"cesi_ht_gb2312.ttf":  {names: []string{"CESI黑体-GB2312"}},
	"cesi_ss_gb2312.ttf":  {names: []string{"CESI宋体-GB2312"}},
	"cesi_xbs_gb2312.ttf": {names: []string{"CESI小标宋-GB2312"}},
}

func isFontFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ttf", ".ttc", ".otf", ".otc":
		return true
	}
	return false
}

// indexFile reads the names of every face in a font file. Only a regular file is
// opened: a FIFO named like a font in a font folder must not block the scan.
func indexFile(path string) []indexEntry {
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() || st.Size() > MaxFileSize {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil
	}
	collection, dirs, err := readFaceDirs(f, st.Size())
	if err != nil {
		return nil
	}
	var out []indexEntry
	known := knownFiles[strings.ToLower(filepath.Base(path))]
	for i, d := range dirs {
		families, full, regular, err := readNames(f, d)
		byName := known.names != nil && known.face == i
		if err != nil && !byName {
			continue
		}
		if byName {
			for _, n := range known.names {
				if !containsString(families, n) {
					families = append(families, n)
				}
			}
			regular = true
		}
		out = append(out, indexEntry{
			path: path, face: i, collection: collection, cff: d.version == tagOTTO,
			families: families, full: full, regular: regular,
		})
	}
	return out
}

// loadEntry parses an indexed face, once per Resolver.
func (r *Resolver) loadEntry(e indexEntry) (*Face, error) {
	if e.cff {
		return nil, errors.New("是 CFF（PostScript 轮廓）OpenType 字体，无法嵌入 PDF")
	}
	return r.cached(fmt.Sprintf("%s#%d", e.path, e.face), func() (*Face, error) {
		data, source, err := readFace(e.path, e.collection, e.face)
		if err != nil {
			return nil, err
		}
		f, err := Parse(data, source)
		if err != nil {
			return nil, fmt.Errorf("无法使用：%w", err)
		}
		return f, nil
	})
}

// readFace reads a font file, or one face of a collection as a standalone font.
func readFace(path string, collection bool, face int) (data []byte, source string, err error) {
	if !collection {
		data, err = safefile.ReadPath(path, MaxFileSize)
		if err != nil {
			return nil, "", fmt.Errorf("无法读取：%s", err.(*safefile.Error).Reason)
		}
		return data, path, nil
	}
	if _, err := safefile.Stat(os.DirFS(filepath.Dir(path)), filepath.Base(path), MaxFileSize); err != nil {
		return nil, "", fmt.Errorf("无法读取：%s", err.(*safefile.Error).Reason)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", fmt.Errorf("无法读取：%s", safefile.Reason(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, "", fmt.Errorf("无法读取：%s", safefile.Reason(err))
	}
	_, dirs, err := readFaceDirs(f, st.Size())
	if err != nil {
		return nil, "", fmt.Errorf("无效：%w", err)
	}
	if face >= len(dirs) {
		return nil, "", fmt.Errorf("字体集中没有第 %d 个字体", face+1)
	}
	if data, err = extractFace(f, dirs[face]); err != nil {
		if errors.Is(err, errCFF) {
			return nil, "", err
		}
		return nil, "", fmt.Errorf("无法读取：%w", err)
	}
	return data, fmt.Sprintf("%s#%d", path, face), nil
}

// loadFile loads an explicit font file. In a collection it takes the first face named one
// of names, else the first face. The cache key includes size and modification time, so an
// edited file is read again in watch mode.
func (r *Resolver) loadFile(path string, names []string) (*Face, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("找不到指定的字体文件 %s", path)
		}
		return nil, fmt.Errorf("无法读取指定的字体文件 %s：%s", path, safefile.Reason(err))
	}
	// Only a regular file is opened: a FIFO would block, /dev/zero would never end.
	if _, err := safefile.Stat(os.DirFS(filepath.Dir(path)), filepath.Base(path), MaxFileSize); err != nil {
		return nil, fmt.Errorf("无法读取指定的字体文件 %s：%s", path, err.(*safefile.Error).Reason)
	}
	key := fmt.Sprintf("file:%s@%d@%d", path, st.Size(), st.ModTime().UnixNano())
	face, err := r.cached(key, func() (*Face, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("无法读取：%s", safefile.Reason(err))
		}
		defer f.Close()
		collection, dirs, err := readFaceDirs(f, st.Size())
		if err != nil {
			return nil, fmt.Errorf("不是可用的字体文件：%w", err)
		}
		index := 0
		if collection {
			index = pickFace(f, dirs, names)
		}
		if dirs[index].version == tagOTTO {
			return nil, errors.New("是 CFF（PostScript 轮廓）OpenType 字体，无法嵌入 PDF；请改用 TrueType（.ttf）字体")
		}
		data, source, err := readFace(path, collection, index)
		if err != nil {
			return nil, err
		}
		face, err := Parse(data, source)
		if err != nil {
			return nil, fmt.Errorf("无法使用：%w", err)
		}
		return face, nil
	})
	if err != nil {
		return nil, fmt.Errorf("指定的字体文件 %s %w", path, err)
	}
	if !face.Embeddable() {
		return nil, fmt.Errorf("指定的字体文件 %s 不允许嵌入（fsType=%d）", path, face.fsType)
	}
	return face, nil
}

// pickFace returns the index of the first face of a collection named one of names, else 0.
func pickFace(f *os.File, dirs []faceDir, names []string) int {
	for _, name := range names {
		for i, d := range dirs {
			families, full, _, err := readNames(f, d)
			if err != nil {
				continue
			}
			e := indexEntry{families: families, full: full}
			if e.matches(name) {
				return i
			}
		}
	}
	return 0
}

// loadBundled parses a bundled font, once per Resolver.
func (r *Resolver) loadBundled(name string) (*Face, error) {
	return r.cached("bundled:"+name, func() (*Face, error) { return ParseBundled(name) })
}

// cached returns the face stored under key, calling load the first time.
func (r *Resolver) cached(key string, load func() (*Face, error)) (*Face, error) {
	r.mu.Lock()
	e, ok := r.faces[key]
	if !ok {
		e = new(faceEntry)
		r.faces[key] = e
	}
	r.mu.Unlock()
	e.once.Do(func() { e.face, e.err = load() })
	return e.face, e.err
}
