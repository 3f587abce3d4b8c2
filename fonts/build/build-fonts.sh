#!/bin/bash
# Rebuild the six bundled fonts of gongwen (fonts/*.ttf) from their Debian and npm sources.
# Host: Debian 12 (bookworm), Debian's /usr/bin/python3 with python3-fonttools 4.38.0.
# See README.md in this folder.
#
#   OUT=DIR        where the .ttf files go (default: fonts/, the folder above this script)
#   WORK=DIR       scratch folder for sources and intermediate files (default: build/.work)
#   INSTALL=1      apt-get/npm install the sources and tools first (needs root and network)
#   SOURCE_DATE_EPOCH  fixed timestamp for head.modified (default 1735689600 = 2025-01-01);
#                  with the default, the output is byte-identical to the committed files
#                  (checked against SHA256SUMS at the end).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$(cd "$HERE/.." && pwd)}
WORK=${WORK:-$HERE/.work}
PY=/usr/bin/python3
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1735689600}
mkdir -p "$OUT" "$WORK"

if [ "${INSTALL:-0}" = 1 ]; then
  apt-get update
  apt-get install -y --no-install-recommends python3-fonttools unicode-data \
      texlive-lang-chinese fonts-arphic-gkai00mp
  (cd "$WORK" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund \
      @expo-google-fonts/noto-serif-sc@0.4.3 @expo-google-fonts/noto-sans-sc@0.4.3)
fi
EXPO=$WORK/node_modules/@expo-google-fonts
FANDOL=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
ARPHIC_KAI=/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf
for f in "$EXPO/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf" \
         "$EXPO/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf" \
         "$EXPO/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf" \
         "$FANDOL/FandolFang-Regular.otf" "$ARPHIC_KAI" \
         /usr/share/unicode/Unihan_Readings.txt.bz2; do
  [ -f "$f" ] || { echo "missing source: $f (run with INSTALL=1, see README.md)" >&2; exit 1; }
done

# 1. character set: GB 2312 (7445) ∪ 通用规范汉字表 (8105, Unihan kTGHZ2013) ∪ ASCII ∪ CJK punctuation
$PY "$HERE/make_charset.py" "$WORK/charset"
UNI=$WORK/charset/subset-unicodes.txt

subset() {  # subset IN OUT [UNICODES-FILE]: keep the character set, drop hinting and OpenType layout
  local in=$1 out=$2 uni=${3:-$UNI}
  $PY -m fontTools.subset "$in" --unicodes-file="$uni" \
    --layout-features='' --no-hinting \
    --name-IDs='*' --name-languages='*' --name-legacy \
    --notdef-outline --recalc-bounds --recalc-average-width \
    --drop-tables+=DSIG,GSUB,GPOS,GDEF,BASE,JSTF,MATH,meta,vhea,vmtx,VORG \
    --output-file="$out"
}
D=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)

# 2. 标题 小标宋: Noto Serif SC Bold, Google Fonts static TTF (already glyf)
subset "$EXPO/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf" "$OUT/title-NotoSerifSC-Bold.ttf"
$PY "$HERE/set_notice.py" "$OUT/title-NotoSerifSC-Bold.ttf" "Subset of Noto Serif SC Bold 2.003 (GB2312+TGHZ2013 chars, no hinting, no OpenType layout), $D."

# 3. 正文 仿宋: FandolFang 0.3 (CFF .otf) -> alias U+2015 to U+2014 -> subset -> cu2qu TrueType.
#    Converting after subsetting takes about 10 s instead of minutes.
$PY "$HERE/remap_cmap.py" "$FANDOL/FandolFang-Regular.otf" "$WORK/FandolFang.remap.otf" U+2015=U+2014
subset "$WORK/FandolFang.remap.otf" "$WORK/FandolFang.subset.otf"
$PY "$HERE/otf2ttf.py" "$WORK/FandolFang.subset.otf" "$OUT/body-FandolFang-Regular.ttf"
$PY "$HERE/set_notice.py" "$OUT/body-FandolFang-Regular.ttf" "Modified $D from FandolFang-Regular.otf 1.300 (TeX Live fandol 0.3): subset to GB2312+TGHZ2013 chars, U+2015 aliased to the U+2014 glyph, CFF outlines converted to TrueType with fontTools cu2qu (max error 1 unit). GPL-3 with font exception."

# 4. 一级标题 黑体: Noto Sans SC Medium
subset "$EXPO/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf" "$OUT/heading1-NotoSansSC-Medium.ttf"
$PY "$HERE/set_notice.py" "$OUT/heading1-NotoSansSC-Medium.ttf" "Subset of Noto Sans SC Medium 2.004 (GB2312+TGHZ2013 chars, no hinting, no OpenType layout), $D."

# 5. 二级标题 楷体: AR PL KaitiM GB 2.11, GB 2312 punctuation aliases added
$PY "$HERE/remap_cmap.py" "$ARPHIC_KAI" "$WORK/gkai00mp.remap.ttf" U+2015=U+2014 U+30FB=U+00B7 U+3007=U+25CB
subset "$WORK/gkai00mp.remap.ttf" "$OUT/heading2-ARPLKaitiMGB.ttf"
$PY "$HERE/set_notice.py" "$OUT/heading2-ARPLKaitiMGB.ttf" "Modified $D from gkai00mp.ttf 2.11 (Debian fonts-arphic-gkai00mp 2.11-16): subset to GB2312+TGHZ2013 chars, hinting removed, U+2015->U+2014, U+30FB->U+00B7 and U+3007->U+25CB glyph aliases added. Arphic Public License; see ARPHICPL.TXT."

# 6. 页码 宋体 (also the per-character fallback): Noto Serif SC Regular
subset "$EXPO/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf" "$OUT/pagenum-NotoSerifSC-Regular.ttf"
$PY "$HERE/set_notice.py" "$OUT/pagenum-NotoSerifSC-Regular.ttf" "Subset of Noto Serif SC Regular 2.003 (GB2312+TGHZ2013 chars, no hinting, no OpenType layout), $D."

# 7. 补字 last-resort fallback: Noto Serif SC Regular with all of CJK Unified Ideographs,
#    Extension A, the 通用规范汉字表 characters beyond the BMP and Western punctuation
#    (lastresort-unicodes.txt, see make_charset.py); used only for characters no other font has.
subset "$EXPO/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf" "$OUT/lastresort-NotoSerifSC-Regular.ttf" \
    "$WORK/charset/lastresort-unicodes.txt"
$PY "$HERE/set_notice.py" "$OUT/lastresort-NotoSerifSC-Regular.ttf" "Subset of Noto Serif SC Regular 2.003 (CJK Unified Ideographs, Extension A, TGHZ2013, GB2312, Western and CJK punctuation; no hinting, no OpenType layout), $D."

# 8. report coverage, compare with the committed files
$PY "$HERE/stats.py" "$WORK/charset" "$OUT"/title-*.ttf "$OUT"/body-*.ttf "$OUT"/heading1-*.ttf \
    "$OUT"/heading2-*.ttf "$OUT"/pagenum-*.ttf "$OUT"/lastresort-*.ttf
if [ "$SOURCE_DATE_EPOCH" = 1735689600 ]; then
  (cd "$OUT" && sha256sum -c "$HERE/SHA256SUMS") || echo "note: output differs from the committed fonts (other tool versions?)" >&2
fi
