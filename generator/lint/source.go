package lint

import "github.com/gongwen/gongwen/generator/content"

// text is one paragraph of a string value the document prints, with the place of
// each of its bytes in the file (content.Texts finds them).
type text = content.Text
