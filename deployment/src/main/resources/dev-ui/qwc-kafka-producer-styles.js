import { css } from 'lit';

/** The look shared by the card's pages: plain tables and forms in the Dev UI's Lumo theme. */
export const pageStyles = css`
    :host { display: block; padding: 0 1em 1em 1em; color: var(--lumo-body-text-color); }
    table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
    th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--lumo-contrast-10pct); vertical-align: top; }
    th { color: var(--lumo-secondary-text-color); font-weight: 500; }
    td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
    .muted { color: var(--lumo-secondary-text-color); }
    .error { color: var(--lumo-error-text-color); }
    .success { color: var(--lumo-success-text-color); }
    code { font-size: var(--lumo-font-size-s); }
    label { display: block; margin-top: 0.6em; color: var(--lumo-secondary-text-color); }
    input, select, textarea { font: inherit; padding: 4px; min-width: 24em; background: var(--lumo-base-color);
        color: var(--lumo-body-text-color); border: 1px solid var(--lumo-contrast-30pct); border-radius: 4px; }
    textarea { min-height: 5em; width: 40em; }
    button { font: inherit; margin-top: 0.8em; margin-right: 0.5em; padding: 4px 14px; cursor: pointer;
        background: var(--lumo-primary-color); color: var(--lumo-primary-contrast-color); border: none; border-radius: 4px; }
    button.secondary { background: var(--lumo-contrast-10pct); color: var(--lumo-body-text-color); }
    .answer { margin-top: 1em; padding: 0.6em; border-radius: 4px; background: var(--lumo-contrast-5pct); }
`;
