package content

import "testing"

func TestDetectLang(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		env  map[string]string
		want Lang
	}{
		{"empty environment", nil, EN},
		{"LANG ja_JP.UTF-8", map[string]string{"LANG": "ja_JP.UTF-8"}, JA},
		{"LANG en_US.UTF-8", map[string]string{"LANG": "en_US.UTF-8"}, EN},
		{"LANG C", map[string]string{"LANG": "C"}, EN},
		{"LANG POSIX", map[string]string{"LANG": "POSIX"}, EN},
		{"LANG C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, EN},
		{"LANG fr_FR gives English", map[string]string{"LANG": "fr_FR.UTF-8"}, EN},
		{"LC_ALL beats LANG (ja over en)", map[string]string{"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, JA},
		{"LC_ALL beats LANG (en over ja)", map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"}, EN},
		{"LC_ALL C beats LANG ja", map[string]string{"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, EN},
		{"LC_MESSAGES beats LANG", map[string]string{"LC_MESSAGES": "ja_JP.eucJP", "LANG": "en_GB"}, JA},
		{"LC_ALL beats LC_MESSAGES", map[string]string{"LC_ALL": "en_US", "LC_MESSAGES": "ja_JP"}, EN},
		{"LANGUAGE ja:en alone", map[string]string{"LANGUAGE": "ja:en"}, JA},
		{"LANGUAGE en:ja alone", map[string]string{"LANGUAGE": "en:ja"}, EN},
		{"LANGUAGE ignored when LANG is set", map[string]string{"LANGUAGE": "ja:en", "LANG": "en_US.UTF-8"}, EN},
		{"whitespace-only LC_ALL is unset", map[string]string{"LC_ALL": "  ", "LANG": "ja_JP.UTF-8"}, JA},
		{"lower-case ja", map[string]string{"LANG": "ja"}, JA},
		{"ja with modifier", map[string]string{"LANG": "ja_JP@cjk"}, JA},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := DetectLang(func(k string) string { return c.env[k] })
			if got != c.want {
				t.Errorf("DetectLang(%v) = %q, want %q", c.env, got, c.want)
			}
		})
	}
}

func TestParseLang(t *testing.T) {
	t.Parallel()
	ok := map[string]Lang{
		"en": EN, "ja": JA, "EN": EN, "JA": JA, "ja_JP.UTF-8": JA, "en-US": EN,
		"ja-JP": JA, " ja ": JA, "C": EN, "POSIX": EN, "en_GB.ISO-8859-1": EN,
	}
	for in, want := range ok {
		got, err := ParseLang(in)
		if err != nil || got != want {
			t.Errorf("ParseLang(%q) = %q, %v; want %q, nil", in, got, err, want)
		}
	}
	for _, in := range []string{"", "fr", "de_DE.UTF-8", "japanese", "e", "jp", "-", "enx"} {
		got, err := ParseLang(in)
		if err == nil {
			t.Errorf("ParseLang(%q) = %q, nil; want an error", in, got)
		}
	}
}

func TestLangs(t *testing.T) {
	t.Parallel()
	got := Langs()
	if len(got) != 2 || got[0] != EN || got[1] != JA {
		t.Fatalf("Langs() = %v, want [en ja]", got)
	}
	for _, l := range got {
		back, err := ParseLang(string(l))
		if err != nil || back != l {
			t.Errorf("ParseLang(%q) = %q, %v", l, back, err)
		}
	}
}
