package content

import "strings"

// substitute replaces each {name} in s whose name is a key of args.
// Placeholders without an argument stay as written. Inserted values are
// not scanned again, so a value containing "{x}" is shown literally.
func substitute(s string, args map[string]string) string {
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i+1:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		name := s[i+1 : i+1+j]
		v, ok := args[name]
		if !ok || !isPlaceholderName(name) {
			// Keep the brace and carry on after it, so "{{a}" still
			// finds "{a}".
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(v)
		s = s[i+1+j+1:]
	}
}

// isPlaceholderName reports whether name can be a placeholder: lower-case
// ASCII letters, digits and underscores, starting with a letter.
func isPlaceholderName(name string) bool {
	if name == "" || name[0] < 'a' || name[0] > 'z' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// Placeholders returns the distinct placeholder names in s, in order of
// first appearance.
func Placeholders(s string) []string {
	var out []string
	seen := map[string]bool{}
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i+1:], '}')
		if j < 0 {
			return out
		}
		name := s[i+1 : i+1+j]
		if isPlaceholderName(name) {
			if !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
			s = s[i+1+j+1:]
			continue
		}
		s = s[i+1:]
	}
}
