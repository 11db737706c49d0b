// Small browser helpers the portal's components call through IJSRuntime.
window.portal = {
    copyText: async function (text) {
        await navigator.clipboard.writeText(text);
        return true;
    },
    // Shows the section the address names (#id), as the browser did before the page was re-rendered.
    scrollToFragment: function () {
        const id = decodeURIComponent(window.location.hash.slice(1));
        const target = id ? document.getElementById(id) : null;
        if (target) {
            target.scrollIntoView();
        }
    }
};
