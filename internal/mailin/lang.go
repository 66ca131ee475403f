package mailin

import (
	"slices"
	"strings"
	"unicode"
)

// commonWords are a few dozen of each language's most frequent words, the
// ones a short email cannot avoid. Languages the town does not offer are
// listed too, so a French email is not taken for Spanish.
var commonWords = map[string]map[string]bool{
	"en": wordSet("the and to of is in it you that for on was with my have are be this not at there please can from but they we an our your hi hello thanks thank would will been has here street near"),
	"es": wordSet("el la de que y en los las un una por con para es no del se mi hay su muy pero esta está este calle gracias hola buenos buenas días favor desde hace nuestra nuestro le lo al como cuando también usted ustedes cerca"),
	"fr": wordSet("le la les de des et est un une pour dans que qui pas vous nous avec sur au du ce cette merci bonjour rue près"),
	"de": wordSet("der die das und ist nicht ich sie mit den dem ein eine zu von für auf bitte danke hallo straße bei"),
	"pt": wordSet("o a os as de que e em um uma para com não do da dos das por obrigado olá rua você"),
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// detectLanguage guesses the language of text: the language whose common
// words it uses most (two at least, and more than any other), if the town
// offers it. Otherwise hint (the Content-Language header) decides if the
// town offers it, and then fallback.
func detectLanguage(text string, offered []string, hint, fallback string) string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) > 400 {
		words = words[:400]
	}
	best, bestScore, second := "", 0, 0
	for lang, set := range commonWords {
		score := 0
		for _, w := range words {
			if set[w] {
				score++
			}
		}
		switch {
		case score > bestScore:
			best, second, bestScore = lang, bestScore, score
		case score > second:
			second = score
		}
	}
	if bestScore >= 2 && bestScore > second && slices.Contains(offered, best) {
		return best
	}
	hint, _, _ = strings.Cut(hint, "-")
	if slices.Contains(offered, hint) {
		return hint
	}
	return fallback
}
