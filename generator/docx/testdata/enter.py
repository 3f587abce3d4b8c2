"""Press Enter at the end of one paragraph of each style of a DOCX in LibreOffice and
print the style of the new paragraph, one line per style: STYLE<TAB>NEW-STYLE.

usage: /usr/bin/python3 enter.py FILE.docx   (needs LibreOffice and python3-uno)

.uno:InsertPara is what the Enter key does in Writer: it splits the paragraph and
gives the new one the style's follow style (w:next in the DOCX).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(path):
    path = os.path.abspath(path)
    work = tempfile.mkdtemp()
    pipe = "gongwen-enter-%d" % os.getpid()
    office = subprocess.Popen(
        ["soffice", "--headless", "--norestore", "--nologo",
         "-env:UserInstallation=file://" + work + "/profile",
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(300):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.2)
        if ctx is None:
            sys.exit("LibreOffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", False),))
        controller = doc.getCurrentController()
        frame, cursor = controller.getFrame(), controller.getViewCursor()
        paragraphs, seen = [], set()
        e = doc.Text.createEnumeration()
        while e.hasMoreElements():
            paragraphs.append(e.nextElement())
        for p in paragraphs:
            style = p.ParaStyleName
            if style in seen:
                continue
            seen.add(style)
            cursor.gotoRange(p.getEnd(), False)
            dispatcher.executeDispatch(frame, ".uno:InsertPara", "", 0, ())
            new = cursor.getText().createTextCursorByRange(cursor.getStart())
            print("%s\t%s" % (style, new.ParaStyleName))
            dispatcher.executeDispatch(frame, ".uno:Undo", "", 0, ())
        doc.close(True)
    finally:
        office.terminate()
        office.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1])
