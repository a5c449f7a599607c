package content

import "strings"

// NetworkReason renders one reason for the suggested network type in
// lang: the message "net.reason.<key>" with args inserted (the DNS
// probe's address classes localized). Values are raw: sanitize them
// before they are passed in, or the result before display. An unknown
// key gives a generic line that points to the report.
func NetworkReason(lang Lang, key string, args map[string]string) string {
	if !HasMsg(lang, "net.reason."+key) {
		return Msg(lang, "net.reason.other", nil)
	}
	if k, ok := args["kind"]; ok {
		cp := make(map[string]string, len(args))
		for n, v := range args {
			cp[n] = v
		}
		cp["kind"] = addressKinds(lang, k)
		args = cp
	}
	return Msg(lang, "net.reason."+key, args)
}

// addressKinds localizes "private, link-local" (the DNS probe's address
// classes, comma-joined).
func addressKinds(lang Lang, list string) string {
	sep := ", "
	if lang == JA {
		sep = "、"
	}
	var out []string
	for _, k := range strings.Split(list, ", ") {
		key := "net.kind." + kindKey(k)
		if HasMsg(lang, key) {
			out = append(out, Msg(lang, key, nil))
		} else {
			out = append(out, k)
		}
	}
	return strings.Join(out, sep)
}

// kindKey turns "shared (CGNAT)" into "shared-cgnat".
func kindKey(k string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(k) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// guessedSuffix marks a product the interception probe guessed from the
// issuing CA's name (probes/interception writes it in English).
const guessedSuffix = " (guessed from the CA name)"

// ProductName names an interception product for people in lang: a
// product guessed from the CA's name says so in lang; "" is "a security
// product". The result is raw: sanitize it before display.
func ProductName(lang Lang, raw string) string {
	if raw == "" {
		return Msg(lang, "ui.product.unknown", nil)
	}
	if p, ok := strings.CutSuffix(raw, guessedSuffix); ok {
		return Msg(lang, "ui.product.guessed", map[string]string{"product": p})
	}
	return raw
}
