package outbox

import "strings"

// gsm7 is the GSM 03.38 default alphabet; gsm7Ext are the characters of its
// extension table, which take two septets each.
const (
	gsm7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsm7Ext = "^{}\\[~]|€\f"
)

// Segments is how many SMS segments text takes, and whether it must be sent
// as UCS-2. GSM-7 text is 160 characters in one segment and 153 per
// segment when split (an extension character counts twice); any other
// character makes the whole text UCS-2: 70, then 67 per segment, counted
// in UTF-16 units, so an emoji counts twice.
func Segments(text string) (n int, ucs2 bool) {
	units := 0
	for _, r := range text {
		switch {
		case strings.ContainsRune(gsm7, r):
			units++
		case strings.ContainsRune(gsm7Ext, r):
			units += 2
		default:
			ucs2 = true
		}
	}
	single, multi := 160, 153
	if ucs2 {
		units, single, multi = 0, 70, 67
		for _, r := range text {
			units++
			if r > 0xFFFF {
				units++
			}
		}
	}
	if units <= single {
		return 1, ucs2
	}
	return (units + multi - 1) / multi, ucs2
}

// FitsOneSegment reports whether text goes as one SMS segment.
func FitsOneSegment(text string) bool {
	n, _ := Segments(text)
	return n == 1
}
