// Package layouts holds the layout presets as data: page geometry, grid, fonts and
// the style of every element, one TOML file per preset. generator/layout reads them.
package layouts

import "embed"

// FS holds every preset file, named NAME.toml.
//
//go:embed *.toml
var FS embed.FS
