package report

import (
	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/probes/interception"
	"github.com/certwiz/certwiz/sanitize"
)

// ProductLabel is an interception product's name as a person reads it in
// lang: the localized label ("product.<key>"), marked as a guess when the
// match came from a name pattern. Names are proper nouns written as the
// vendor writes them; everything around them is localized. It returns ""
// for nil.
func ProductLabel(lang content.Lang, m *interception.Match) string {
	if m == nil {
		return ""
	}
	return productLabel(lang, m.Key(), m.Product, m.Heuristic)
}

func productLabel(lang content.Lang, key, name string, guessed bool) string {
	label := sanitize.Text(name)
	if key != "" && content.HasMsg(lang, "product."+key) {
		label = content.Msg(lang, "product."+key, nil)
	}
	if guessed {
		label = content.Msg(lang, "product.guessed", map[string]string{"product": label})
	}
	return label
}
