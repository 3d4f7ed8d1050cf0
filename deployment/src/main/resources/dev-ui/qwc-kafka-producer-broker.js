import { LitElement, html } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { pageStyles } from './qwc-kafka-producer-styles.js';

/** The broker: the Dev Services one (address, log, start) or the configured cluster and whether it answers; topics. */
export class QwcKafkaProducerBroker extends LitElement {
    jsonRpc = new JsonRpc(this);
    static styles = pageStyles;
    static properties = { _broker: { state: true }, _error: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
    }

    _refresh() {
        this.jsonRpc.getBroker().then(response => this._broker = response.result);
    }

    render() {
        if (!this._broker) {
            return html`<p class="muted">Asking the cluster…</p>`;
        }
        const b = this._broker;
        return html`
            <table id="broker">
                <tr><th>Bootstrap servers</th><td><code>${b.bootstrapServers}</code></td></tr>
                <tr><th>Started by</th><td>${b.devServices ? 'Dev Services, without Docker' : 'not Dev Services: the configured cluster'}</td></tr>
                ${b.devServices ? html`
                    <tr><th>Log file</th><td><code>${b.logFile}</code></td></tr>
                    <tr><th>Started</th><td>${b.startedAt}</td></tr>` : ''}
                <tr><th>Reachable</th><td class="${b.reachable ? 'success' : 'error'}">${b.reachable ? 'yes' : 'no: ' + b.problem}</td></tr>
            </table>
            <h4>Topics</h4>
            <table id="topics">
                <tr><th>Topic</th><th class="number">Partitions</th><th>End offsets</th><th></th></tr>
                ${b.topics.map(t => html`<tr data-topic="${t.name}"><td>${t.name}</td><td class="number">${t.endOffsets.length}</td>
                    <td><code>${t.endOffsets.join(', ')}</code></td>
                    <td><button class="secondary delete" @click=${() => this._delete(t.name)}>Delete</button></td></tr>`)}
            </table>
            <label for="new-topic">New topic</label>
            <input id="new-topic" placeholder="orders">
            <input id="new-partitions" type="number" min="1" value="1" style="min-width: 5em; width: 5em">
            <button id="create-topic" @click=${this._create}>Create</button>
            <button class="secondary" @click=${this._refresh}>Refresh</button>
            ${this._error ? html`<div class="answer error">${this._error}</div>` : ''}`;
    }

    _create() {
        const topic = this.renderRoot.querySelector('#new-topic').value;
        const partitions = parseInt(this.renderRoot.querySelector('#new-partitions').value, 10);
        this._error = null;
        this.jsonRpc.createTopic({ topic: topic, partitions: partitions })
            .then(response => this._broker = response.result)
            .catch(error => this._error = error.error?.message ?? String(error));
    }

    _delete(topic) {
        this._error = null;
        this.jsonRpc.deleteTopic({ topic: topic })
            .then(response => this._broker = response.result)
            .catch(error => this._error = error.error?.message ?? String(error));
    }
}
customElements.define('qwc-kafka-producer-broker', QwcKafkaProducerBroker);
