package content

// Page returns the Markdown body of the screen or code page id in lang,
// with its placeholders filled from args. A page missing in lang falls
// back to English; an unknown id returns the id itself, so the gap is
// visible. An unknown lang is treated as English.
func Page(lang Lang, id string, args map[string]string) string {
	return data().page(lang, id, args)
}

// page is Page on one set of tables.
func (t *tables) page(lang Lang, id string, args map[string]string) string {
	if s, ok := t.pages[lang][id]; ok {
		return substitute(s, args)
	}
	if s, ok := t.pages[EN][id]; ok {
		return substitute(s, args)
	}
	return id
}

// HasPage reports whether lang has its own text for page id.
func HasPage(lang Lang, id string) bool {
	_, ok := data().pages[lang][id]
	return ok
}

// PageIDs returns every page id known in any language, sorted.
func PageIDs() []string {
	t := data()
	return sortedKeys(t.pages[EN], t.pages[JA])
}

// PagePlaceholders returns the only placeholders a page may use. Callers
// pass any subset of them to Page.
func PagePlaceholders() []string {
	return []string{
		"host", "product", "offset", "local_time", "reference_time", "source",
		"code", "found_code", "landing_url", "network", "report_path",
	}
}
