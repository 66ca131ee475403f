package i18n

import "golang.org/x/text/language"

// Negotiate picks the best of offered for an Accept-Language header. The
// first offered language is the fallback. A malformed header is ignored.
func Negotiate(acceptLanguage string, offered []string) string {
	if len(offered) == 0 {
		return "en"
	}
	tags := make([]language.Tag, 0, len(offered))
	for _, o := range offered {
		tags = append(tags, language.Make(o))
	}
	want, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(want) == 0 {
		return offered[0]
	}
	_, i, conf := language.NewMatcher(tags).Match(want...)
	if conf == language.No {
		return offered[0]
	}
	return offered[i]
}
