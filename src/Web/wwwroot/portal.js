// Small browser helpers the portal's components call through IJSRuntime.
window.portal = {
    copyText: async function (text) {
        await navigator.clipboard.writeText(text);
        return true;
    }
};
