// Package safefile reads the files a build depends on — content files, layout
// presets, fonts and seal images — refusing anything but a regular file and anything
// larger than a cap, so that a FIFO never blocks a build and /dev/zero never fills
// the memory; and it says what an operating-system error means, in Chinese.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// Error is a file that could not be read, with the reason in Chinese.
type Error struct {
	Name   string // the file as the caller named it
	Reason string // in Chinese: 文件不存在, 是一个文件夹 …
	Err    error  // the underlying error, if any
}

func (e *Error) Error() string { return e.Name + "：" + e.Reason }

func (e *Error) Unwrap() error { return e.Err }

// Stat returns the size of the regular file name in fsys, or an *Error when it is
// missing, not a regular file (a folder, FIFO, device or socket) or larger than limit.
// It does not open the file: opening a FIFO for reading blocks until a writer comes.
func Stat(fsys fs.FS, name string, limit int64) (int64, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return 0, &Error{Name: name, Reason: Reason(err), Err: err}
	}
	if err := regular(name, st, limit); err != nil {
		return 0, err
	}
	return st.Size(), nil
}

func regular(name string, st fs.FileInfo, limit int64) error {
	switch m := st.Mode(); {
	case m.IsDir():
		return &Error{Name: name, Reason: "是一个文件夹，不是文件"}
	case !m.IsRegular():
		return &Error{Name: name, Reason: "不是普通文件（是设备、管道或套接字），不能读取"}
	case st.Size() > limit:
		return &Error{Name: name, Reason: fmt.Sprintf("太大（%s），最多 %s", Size(st.Size()), Size(limit))}
	}
	return nil
}

// Read reads the regular file name from fsys, at most limit bytes; see Stat.
func Read(fsys fs.FS, name string, limit int64) ([]byte, error) {
	if _, err := Stat(fsys, name, limit); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, &Error{Name: name, Reason: Reason(err), Err: err}
	}
	defer f.Close()
	// The file may have been swapped between the Stat and the Open.
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{Name: name, Reason: Reason(err), Err: err}
	}
	if err := regular(name, st, limit); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &Error{Name: name, Reason: Reason(err), Err: err}
	}
	if int64(len(data)) > limit { // grew while being read
		return nil, &Error{Name: name, Reason: fmt.Sprintf("太大，最多 %s", Size(limit))}
	}
	return data, nil
}

// ReadPath is Read for a path of the operating system, absolute or relative to the
// working folder. Errors name the file as path.
func ReadPath(path string, limit int64) ([]byte, error) {
	fsys, name := Dir(path)
	data, err := Read(fsys, name, limit)
	var e *Error
	if errors.As(err, &e) {
		e.Name = path
	}
	return data, err
}

// Dir splits a path of the operating system into a file system rooted at its folder
// and the file's name in it, for Read.
func Dir(path string) (fs.FS, string) {
	return os.DirFS(filepath.Dir(path)), filepath.Base(path)
}

// Size prints a byte count for a person: 8 MB, 300 KB, 12 字节.
func Size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.3g MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.3g KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}

// Reason says in Chinese what an error of the operating system means for the person:
// 文件不存在, 没有读取或写入权限, 磁盘已满, 是一个文件夹 …; other errors are shown as
// they are, after a Chinese lead.
func Reason(err error) string {
	var errno syscall.Errno
	errors.As(err, &errno)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, fs.ErrNotExist):
		return "文件不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有权限（请检查文件和文件夹的权限，或文件是否被其他程序占用）"
	case errno == syscall.ENOSPC || runtime.GOOS == "windows" && (errno == 39 || errno == 112):
		return "磁盘已满"
	case errno == syscall.EISDIR:
		return "是一个文件夹，不是文件"
	case errno == syscall.ENOTDIR:
		return "路径中的某一级不是文件夹"
	case errno == syscall.EROFS:
		return "磁盘是只读的"
	case errno == syscall.EDQUOT:
		return "超出了磁盘配额"
	case errno == syscall.ENAMETOOLONG:
		return "文件名太长"
	case errno == syscall.EIO:
		return "读写磁盘时出错（磁盘可能已损坏或被拔出）"
	case errors.Is(err, fs.ErrInvalid):
		return "文件名不对"
	}
	return "出错：" + err.Error()
}
