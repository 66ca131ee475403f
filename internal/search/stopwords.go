package search

// stopwords are words too common to narrow a search. They are indexed (so a
// quoted title still matches) but dropped from queries that have other words.
var stopwords = map[string]map[string]bool{
	"en": set("a an and are as at be by can do does for from how i if in is it my of on or the to what when where which who why will with you your me we our"),
	"es": set("a al como con cual cuando de del donde el en es la las lo los mi mis o para por que quien se su sus un una uno y yo"),
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	start := 0
	for i := 0; i <= len(words); i++ {
		if i == len(words) || words[i] == ' ' {
			if i > start {
				m[words[start:i]] = true
			}
			start = i + 1
		}
	}
	return m
}
