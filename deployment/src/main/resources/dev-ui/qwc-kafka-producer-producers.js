import { LitElement, html } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { pageStyles } from './qwc-kafka-producer-styles.js';

/** The producers: name, type, client id, key and value types with their serializers, effective settings. */
export class QwcKafkaProducerProducers extends LitElement {
    jsonRpc = new JsonRpc(this);
    static styles = pageStyles;
    static properties = { _producers: { state: true }, _open: { state: true } };

    constructor() {
        super();
        this._open = {};
    }

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getProducers().then(response => this._producers = response.result);
    }

    render() {
        if (!this._producers) {
            return html`<p class="muted">Loading the producers…</p>`;
        }
        if (this._producers.length === 0) {
            return html`<p class="muted">The application injects no producer.</p>`;
        }
        return html`<table id="producers">
            <tr><th>Producer</th><th>Client id</th><th>Key type (serializer)</th><th>Value type (serializer)</th><th></th></tr>
            ${this._producers.map(p => this._row(p))}
        </table>`;
    }

    _row(p) {
        const types = p.types.length ? p.types : [{ keyType: '?', valueType: '?', keySerializer: '', valueSerializer: '' }];
        return html`
            <tr class="producer" data-producer="${p.id}">
                <td><b>${p.name}</b> <span class="muted">${p.type}</span></td>
                <td style="white-space: nowrap"><code>${p.clientId ?? 'not started yet'}</code></td>
                <td>${types.map(t => html`<div><code>${t.keyType}</code> <span class="muted">(${t.keySerializer})</span></div>`)}</td>
                <td>${types.map(t => html`<div><code>${t.valueType}</code> <span class="muted">(${t.valueSerializer})</span></div>`)}</td>
                <td><button class="secondary" ?disabled=${!p.started} @click=${() => this._toggle(p.id)}>
                    ${this._open[p.id] ? 'Hide settings' : 'Settings'}</button></td>
            </tr>
            ${this._open[p.id] ? html`<tr><td colspan="5">${this._settings(p)}</td></tr>` : ''}`;
    }

    _settings(p) {
        return html`<table class="settings">
            <tr><th>Kafka client property</th><th>Value</th><th>Set by</th></tr>
            ${p.settings.map(s => html`<tr><td><code>${s.property}</code></td><td><code>${s.value}</code></td>
                <td class="muted"><code>${s.source}</code></td></tr>`)}
        </table>`;
    }

    _toggle(id) {
        this._open = { ...this._open, [id]: !this._open[id] };
    }
}
customElements.define('qwc-kafka-producer-producers', QwcKafkaProducerProducers);
