//go:build !windows

package main

import "os"

// setupConsole has nothing to do outside Windows: terminals there speak UTF-8.
func setupConsole() (restore func()) { return func() {} }

// startedWithoutTerminal reports whether gongwen was started from a file manager
// (Finder through an app bundle, the UOS or Kylin file manager) rather than typed in
// a terminal: then standard input is no terminal and no TERM is set.
func startedWithoutTerminal() bool {
	return !isTerminal(os.Stdin) && os.Getenv("TERM") == ""
}

// isTerminal reports whether f is a character device, as a terminal is.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
