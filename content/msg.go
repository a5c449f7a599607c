package content

// Msg returns the short text for key in lang with its placeholders
// filled from args. A key missing in lang falls back to English; a key
// missing everywhere returns the key itself, so the gap is visible (the
// package tests keep both languages complete). An unknown lang is
// treated as English.
func Msg(lang Lang, key string, args map[string]string) string {
	return data().msg(lang, key, args)
}

// msg is Msg on one set of tables.
func (t *tables) msg(lang Lang, key string, args map[string]string) string {
	if s, ok := t.msgs[lang][key]; ok {
		return substitute(s, args)
	}
	if s, ok := t.msgs[EN][key]; ok {
		return substitute(s, args)
	}
	return key
}

// HasMsg reports whether lang has its own text for key.
func HasMsg(lang Lang, key string) bool {
	_, ok := data().msgs[lang][key]
	return ok
}

// MsgKeys returns every message key known in any language, sorted.
func MsgKeys() []string {
	t := data()
	return sortedKeys(t.msgs[EN], t.msgs[JA])
}

// MissingMsgs returns, per language, the keys from keys that have no text
// in that language. Keys are full message keys ("finding.cert.expired").
// Languages with nothing missing are absent, so a complete set gives an
// empty map. Other packages' tests use it to prove that every ID they
// emit has text.
func MissingMsgs(keys []string) map[Lang][]string {
	out := map[Lang][]string{}
	for _, l := range Langs() {
		for _, k := range keys {
			if !HasMsg(l, k) {
				out[l] = append(out[l], k)
			}
		}
	}
	return out
}

// MissingFindings is MissingMsgs for finding IDs ("cert.expired"): it
// checks the keys "finding."+id.
func MissingFindings(ids []string) map[Lang][]string {
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = "finding." + id
	}
	return MissingMsgs(keys)
}
