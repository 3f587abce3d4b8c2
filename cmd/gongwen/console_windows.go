package main

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// cpUTF8 is the Windows code page number of UTF-8.
const cpUTF8 = 65001

// setupConsole switches the console to UTF-8 so that the Chinese messages read
// correctly in cmd.exe and PowerShell, whose default is the ANSI code page (936 on a
// Chinese Windows). It returns a function that restores the old code page, since the
// console outlives gongwen when started from cmd.exe.
func setupConsole() (restore func()) {
	old, err := windows.GetConsoleOutputCP()
	if err != nil || old == cpUTF8 {
		return func() {} // no console (output redirected to a file) or already UTF-8
	}
	if windows.SetConsoleOutputCP(cpUTF8) != nil {
		return func() {}
	}
	return func() { windows.SetConsoleOutputCP(old) }
}

// startedWithoutTerminal reports whether gongwen was double-clicked in Explorer: then
// Windows made a new console for it alone, so the console's process list holds one
// process. Started from cmd.exe or PowerShell, the shell is attached too.
func startedWithoutTerminal() bool {
	proc := windows.NewLazySystemDLL("kernel32.dll").NewProc("GetConsoleProcessList")
	if proc.Find() != nil {
		return false
	}
	var pids [2]uint32
	n, _, _ := proc.Call(uintptr(unsafe.Pointer(&pids[0])), uintptr(len(pids)))
	return n == 1
}
