// The header's search box with suggestions while typing: the ARIA combobox pattern (an input that
// controls a listbox; arrow keys move through the options, Enter takes one, Escape closes the list).
// Requests wait until typing pauses, and an answer to older words is dropped.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { suggestSearches, type Suggestion } from '../api.ts';
import '../styles.css';

const DEBOUNCE_MS = 150;

const hrefOf = (s: Suggestion) =>
  s.kind === 'category' && s.category !== null
    ? `/c/${encodeURIComponent(s.category)}`
    : `/search?q=${encodeURIComponent(s.text)}`;

export function SearchBox({ id, defaultValue }: { id: string; defaultValue: string }) {
  const { t } = useTranslation('catalog');
  const navigate = useNavigate();
  const listId = useId();
  const [value, setValue] = useState(defaultValue);
  const [typed, setTyped] = useState(false);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const q = value.trim();
    if (!typed || !/\S\S/.test(q)) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      suggestSearches(q, controller.signal).then(
        (found) => {
          setSuggestions(found);
          setActive(-1);
          setOpen(found.length > 0);
        },
        () => setSuggestions([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value, typed]);

  const shown = open && suggestions.length > 0;

  function choose(s: Suggestion) {
    setOpen(false);
    setTyped(false);
    setValue(s.kind === 'search' ? s.text : value);
    navigate(hrefOf(s));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (suggestions.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (!shown) {
        setOpen(true);
        setActive(step === 1 ? 0 : suggestions.length - 1);
        return;
      }
      // -1 is the input itself: past the last option the focus comes back to the words typed.
      setActive((i) => {
        const next = i + step;
        return next < -1 ? suggestions.length - 1 : next >= suggestions.length ? -1 : next;
      });
    } else if (event.key === 'Escape' && shown) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    } else if (event.key === 'Enter' && shown && active >= 0) {
      event.preventDefault();
      const chosen = suggestions[active];
      if (chosen !== undefined) choose(chosen);
    }
  }

  return (
    <div className="search-box">
      <input
        id={id}
        type="search"
        name="q"
        value={value}
        placeholder={t('searchBox.placeholder')}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(event) => {
          setValue(event.currentTarget.value);
          setTyped(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(suggestions.length > 0)}
      />
      <div
        id={listId}
        role="listbox"
        aria-label={t('searchBox.suggestions')}
        className="search-suggestions"
        hidden={!shown}
      >
        {suggestions.map((s, i) => (
          <div
            key={`${s.kind}:${s.text}`}
            id={`${listId}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            className={i === active ? 'search-suggestion search-suggestion-active' : 'search-suggestion'}
            // Chosen on press, before the input's blur would close the list; the focus stays in the
            // input, where the keys work (aria-activedescendant).
            onMouseDown={(event) => {
              event.preventDefault();
              choose(s);
            }}
          >
            {s.text}
            {s.kind === 'category' ? <span className="search-suggestion-kind">{t('searchBox.category')}</span> : null}
          </div>
        ))}
      </div>
    </div>
  );
}
