package content

import (
	"fmt"
	"strings"
)

// Lang is a language certwiz has text for.
type Lang string

// The supported languages.
const (
	EN Lang = "en"
	JA Lang = "ja"
)

// Langs returns the supported languages, English first.
func Langs() []Lang { return []Lang{EN, JA} }

// ParseLang reads a language as a person or a locale spells it: "en",
// "ja", "JA", "ja_JP.UTF-8", "en-US", "ja_JP@cjk". The locale names "C"
// and "POSIX" mean English. Anything else is an error.
func ParseLang(s string) (Lang, error) {
	l, ok := parseLocale(s)
	if !ok {
		return "", fmt.Errorf("language %q is not supported (use en or ja)", s)
	}
	return l, nil
}

// parseLocale maps a locale or language tag to a Lang.
func parseLocale(s string) (Lang, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	base := strings.ToLower(s)
	if i := strings.IndexAny(base, "_-"); i >= 0 {
		base = base[:i]
	}
	switch base {
	case "en", "c", "posix":
		return EN, true
	case "ja":
		return JA, true
	}
	return "", false
}

// DetectLang picks the language from the environment the way a POSIX
// program picks its message locale: the first non-empty of LC_ALL,
// LC_MESSAGES, LANG and LANGUAGE (its first colon-separated entry)
// decides. A value starting with "ja" gives JA; anything else, including
// C, POSIX and an empty environment, gives EN. getenv is os.Getenv in
// production and a map lookup in tests.
func DetectLang(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		v := strings.TrimSpace(getenv(name))
		if name == "LANGUAGE" {
			v, _, _ = strings.Cut(v, ":")
		}
		if v == "" {
			continue
		}
		if l, ok := parseLocale(v); ok && l == JA {
			return JA
		}
		return EN
	}
	return EN
}
