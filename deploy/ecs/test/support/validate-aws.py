"""Validates aws CLI commands with the CLI's own driver, all in one process.

Reads a JSON list of argument lists on stdin and the endpoint URL from argv[1]. Each command
runs as `aws <args> --endpoint-url <endpoint>`: the driver parses the arguments and validates
the parameters against the API models, then tries the endpoint (a closed loopback port). Writes
a JSON list of {status, output} with what the CLI printed on stderr.
"""
import contextlib
import io
import json
import sys

from awscli.clidriver import create_clidriver


def main():
    endpoint = sys.argv[1]
    commands = json.load(sys.stdin)
    driver = create_clidriver()
    results = []
    for args in commands:
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
            try:
                status = driver.main(args + ["--endpoint-url", endpoint])
            except SystemExit as stop:
                status = stop.code
        results.append({"status": status, "output": errors.getvalue().strip()})
    json.dump(results, sys.stdout)


main()
