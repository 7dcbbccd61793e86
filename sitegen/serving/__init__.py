"""Serving and deploying the built portal: the nginx configuration (nginx)
and the release-by-release copy to the web server (deploy)."""
