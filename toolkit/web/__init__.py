"""The local web page of ``advocacy serve``: a second face over the same job calls as the CLI.

A room beside ``cli`` (both on the top layer): it imports ``jobs`` and the rooms below,
and nothing imports it but ``cli/serve.py``, which parses the options and calls
``server.serve``. ``app.create_app`` is the Flask app (templates and static files in
this package: nothing is loaded from the network); ``workspace`` keeps each session's
files and runs; ``campaignform`` turns the campaign YAML into a form and back.
Flask and waitress are the optional extra ``web`` (``pip install -e '.[web]'``).
"""
