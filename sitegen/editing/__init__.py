"""Editing in the browser on this machine: the local back end of the admin
page's CMS, which `serve --edit` mounts beside the live preview."""
