package mailin

import (
	"regexp"
	"strings"
)

// Patterns of the quoted history and signatures that mail clients add, in
// English and Spanish: Gmail, Outlook (desktop, web and mobile), Apple Mail,
// Thunderbird, Yahoo.
var (
	// "On Mon, 3 Nov 2026 at 10:00, Jane <jane@example.org> wrote:",
	// "El lun, 3 nov 2026 a las 10:00, Juan (<juan@example.org>) escribió:".
	attribution = regexp.MustCompile(`(?i)^(on\s.{4,300}\swrote|el\s.{4,300}\sescribi[oó])\s*:\s*$`)
	// Outlook's "-----Original Message-----" and Spanish versions.
	originalMessage = regexp.MustCompile(`(?i)^-{3,}\s*(original message|mensaje original)\s*-{3,}\s*$`)
	// Outlook's header block: "From: …" then "Sent: …" (or "De: …", "Enviado: …").
	headerFrom = regexp.MustCompile(`(?i)^\*?(from|de)\s*:\*?\s+\S`)
	headerSent = regexp.MustCompile(`(?i)^\*?(sent|date|enviado|enviado el|fecha)\s*:\*?\s+\S`)
	underline  = regexp.MustCompile(`^_{10,}\s*$`)
	forwarded  = regexp.MustCompile(`(?i)^(-{3,}\s*(forwarded message|mensaje reenviado)\s*-{3,}|begin forwarded message:|inicio del mensaje reenviado:)\s*$`)
	signature  = regexp.MustCompile(`^--\s*$`)
	mobile     = regexp.MustCompile(`(?i)^(sent from my |sent from (outlook|mail) for |get outlook for |enviado desde mi |enviado desde (outlook|correo) para |obtener outlook para |descargar outlook para )`)
)

// stripQuotes keeps the new words of a message: it removes quoted lines
// ("> …"), everything from a reply's attribution line or Outlook header
// block on, the signature, and "Sent from my phone" lines. A forwarded
// message is kept whole: it is what the sender wants us to read. forward
// says the subject marks the message as a forward, where Outlook's header
// block introduces the forwarded message rather than quoted history.
func stripQuotes(text string, forward bool) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var out []string
	inSignature := false
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t")
		trimmed := strings.TrimSpace(line)
		switch {
		case forwarded.MatchString(trimmed) || (forward && startsHeaderBlock(lines, i)):
			return tidy(append(append(out, ""), lines[i:]...))
		case inSignature:
			continue
		case startsHistory(lines, i, forward):
			return tidy(out)
		case signature.MatchString(line):
			inSignature = true // a forward may still follow the signature
		case strings.HasPrefix(trimmed, ">") || mobile.MatchString(trimmed):
		default:
			out = append(out, line)
		}
	}
	return tidy(out)
}

// startsHistory reports whether line i begins a reply's quoted history.
func startsHistory(lines []string, i int, forward bool) bool {
	line := strings.TrimSpace(lines[i])
	if originalMessage.MatchString(line) || attribution.MatchString(line) {
		return true
	}
	// Attribution lines wrapped in two, as Gmail does with long names.
	if i+1 < len(lines) && attribution.MatchString(line+" "+strings.TrimSpace(lines[i+1])) {
		return true
	}
	return !forward && startsHeaderBlock(lines, i)
}

// startsHeaderBlock reports whether line i begins Outlook's block of
// "From:" and "Sent:" lines, or the underline Outlook puts above it.
func startsHeaderBlock(lines []string, i int) bool {
	line := strings.TrimSpace(lines[i])
	if underline.MatchString(line) {
		for j := i + 1; j < len(lines) && j <= i+2; j++ {
			if headerFrom.MatchString(strings.TrimSpace(lines[j])) {
				return true
			}
		}
		return false
	}
	if !headerFrom.MatchString(line) {
		return false
	}
	for j := i + 1; j < len(lines) && j <= i+3; j++ {
		if headerSent.MatchString(strings.TrimSpace(lines[j])) {
			return true
		}
	}
	return false
}

// tidy trims blank lines at both ends and keeps at most one blank line in a row.
func tidy(lines []string) string {
	var out []string
	blank := false
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
		}
		blank = false
		out = append(out, strings.TrimRight(l, " \t"))
	}
	return strings.Join(out, "\n")
}
