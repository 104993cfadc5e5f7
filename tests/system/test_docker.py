"""The image, checked as far as a machine without a Docker engine can: the entrypoint runs under a
fake `python` (it must exec, so signals reach the service), and the Dockerfile's structure is linted."""

import json
import os
import re
import shlex
import signal
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCKER = REPO / "docker"
SHELLS = ["bash", "sh"]
FAKE_PYTHON = r"""#!/bin/sh
# Records its pid and argv; with FAKE_PYTHON_WAIT it waits for SIGTERM and records that too.
printf '%s\n' "$$" "$@" > "$RECORD"
if [ -n "${FAKE_PYTHON_WAIT:-}" ]; then
  trap 'echo TERM >> "$RECORD"; exit 0' TERM
  : > "$RECORD.ready"
  while :; do sleep 1 & wait $!; done
fi
"""


def fake_python_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    fake = bin_dir / "python"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "MIGRATE_ON_START"}
    return {**env, "PATH": f"{bin_dir}{os.pathsep}{env['PATH']}", "RECORD": str(tmp_path / "argv"), **extra}


def entrypoint(shell: str, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([shell, str(DOCKER / "entrypoint.sh"), *args], env=env, capture_output=True, text=True,
                          timeout=30)


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(("args", "extra_env", "python_argv"), [
    (["serve"], {}, ["-m", "service", "serve", "--no-migrate"]),
    ([], {}, ["-m", "service", "serve", "--no-migrate"]),
    (["serve"], {"MIGRATE_ON_START": "false"}, ["-m", "service", "serve", "--no-migrate"]),
    (["serve"], {"MIGRATE_ON_START": "true"}, ["-m", "service", "serve"]),
    (["migrate"], {}, ["-m", "service", "migrate"]),
    (["worker"], {}, ["-m", "service", "worker"]),
    (["worker", "--concurrency", "4"], {}, ["-m", "service", "worker", "--concurrency", "4"]),
    (["seed-demo"], {}, ["-m", "service", "seed-demo"]),
    (["openapi"], {}, ["-m", "service", "openapi"]),
    (["serve", "--extra", "two words"], {}, ["-m", "service", "serve", "--no-migrate", "--extra", "two words"]),
])
def test_entrypoint_execs_the_command(shell, args, extra_env, python_argv, tmp_path):
    env = fake_python_env(tmp_path, **extra_env)
    process = subprocess.Popen([shell, str(DOCKER / "entrypoint.sh"), *args], env=env)
    assert process.wait(timeout=30) == 0
    pid, *argv = (tmp_path / "argv").read_text().splitlines()
    assert argv == python_argv
    assert int(pid) == process.pid, "the entrypoint must exec python, not run it as a child"


@pytest.mark.parametrize("shell", SHELLS)
def test_entrypoint_refuses_an_unclear_migrate_on_start(shell, tmp_path):
    done = entrypoint(shell, ["serve"], fake_python_env(tmp_path, MIGRATE_ON_START="yes"))
    assert done.returncode == 64 and "MIGRATE_ON_START must be true or false" in done.stderr
    assert not (tmp_path / "argv").exists()


@pytest.mark.parametrize("shell", SHELLS)
def test_entrypoint_runs_any_other_command_as_given(shell, tmp_path):
    done = entrypoint(shell, ["printf", "%s|", "a b", "c"], fake_python_env(tmp_path))
    assert done.returncode == 0 and done.stdout == "a b|c|"


@pytest.mark.parametrize("shell", SHELLS)
def test_sigterm_to_the_container_process_reaches_the_service(shell, tmp_path):
    env = fake_python_env(tmp_path, FAKE_PYTHON_WAIT="1")
    process = subprocess.Popen([shell, str(DOCKER / "entrypoint.sh"), "serve"], env=env)
    ready, record = tmp_path / "argv.ready", tmp_path / "argv"
    try:
        for _ in range(300):  # bounded readiness poll: at most 30 s
            if ready.exists():
                break
            with pytest.raises(subprocess.TimeoutExpired):
                process.wait(timeout=0.1)
        assert ready.exists()
        process.terminate()
        assert process.wait(timeout=30) == 0
        assert record.read_text().splitlines()[-1] == "TERM"
    finally:
        process.kill()
        fake_pid = int(record.read_text().split()[0]) if record.exists() else None
        if fake_pid and fake_pid != process.pid:  # a non-exec entrypoint left the fake behind
            os.kill(fake_pid, signal.SIGKILL)


def test_entrypoint_is_an_executable_posix_script():
    script = DOCKER / "entrypoint.sh"
    assert script.read_text().startswith("#!/bin/sh\n") and os.access(script, os.X_OK)
    assert subprocess.run(["sh", "-n", str(script)]).returncode == 0


# --- Dockerfile -------------------------------------------------------------------------------------

def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (DOCKER / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def stages() -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []
    for instruction in instructions():
        if instruction[0] == "FROM":
            found.append([])
        if found:
            found[-1].append(instruction)
    return found


def only(stage: list[tuple[str, str]], name: str) -> str:
    matching = [args for instruction, args in stage if instruction == name]
    assert len(matching) == 1, f"expected one {name}, found {matching}"
    return matching[0]


def test_dockerfile_builds_in_stages_on_a_slim_python_base():
    base = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", (DOCKER / "Dockerfile").read_text(), re.M)
    assert base and re.fullmatch(r"python:3\.1[1-9]-slim(-\w+)?", base.group(1))
    froms = [stage[0][1] for stage in stages()]
    assert froms == ["${PYTHON_IMAGE} AS build", "${PYTHON_IMAGE} AS runtime"]
    build, runtime = stages()
    installs = [a for i, a in build if i == "RUN" and "pip install" in a]
    assert installs == ["/opt/venv/bin/pip install --require-hashes --no-deps --requirement /tmp/runtime.txt"]
    assert ("COPY", "requirements/runtime.txt /tmp/runtime.txt") in build
    copied_from_build = [a for i, a in runtime if i == "COPY" and a.startswith("--from=build")]
    assert copied_from_build == ["--from=build /opt/venv /opt/venv", "--from=build /app /app"]
    assert not any(i == "RUN" and "pip" in a for i, a in runtime), "the runtime stage installs nothing"


def test_runtime_runs_as_a_non_root_user_with_exec_form_start_healthcheck_and_stop_signal():
    runtime = stages()[-1]
    user = only(runtime, "USER")
    assert user.split(":")[0] not in {"root", "0"}
    assert "useradd --system --uid 10001 --gid lsp" in " ".join(a for i, a in runtime if i == "RUN")
    names = [i for i, _ in runtime]
    assert names.index("USER") < names.index("ENTRYPOINT") and names.index("USER") < names.index("CMD")
    entry, cmd = json.loads(only(runtime, "ENTRYPOINT")), json.loads(only(runtime, "CMD"))
    assert entry == ["/usr/local/bin/lsp-entrypoint"] and cmd == ["serve"]
    assert "--chmod=0755 docker/entrypoint.sh /usr/local/bin/lsp-entrypoint" in [a for i, a in runtime if i == "COPY"]
    assert only(runtime, "STOPSIGNAL") == "SIGTERM"
    options, _, probe = only(runtime, "HEALTHCHECK").partition(" CMD ")
    assert json.loads(probe) == ["python", "/usr/local/lib/lsp/healthcheck.py"]
    assert "--interval=" in options and "--timeout=" in options
    assert "--chmod=0644 docker/healthcheck.py /usr/local/lib/lsp/healthcheck.py" in [
        a for i, a in runtime if i == "COPY"]


def test_image_environment_is_production_without_secrets():
    env = dict(pair.split("=", 1) for i, a in stages()[-1] if i == "ENV" for pair in shlex.split(a))
    assert env["ENVIRONMENT"] == "production" and env["HOST"] == "0.0.0.0" and env["PORT"] == "8000"
    assert env["SEED_DEMO_WHEN_EMPTY"] == "false", "MIGRATE_ON_START=true must not load the demo"
    assert not [name for name in env if re.search("KEY|PASSWORD|SECRET|TOKEN|DATABASE_URL", name)]


def test_everything_the_dockerfile_copies_exists_and_passes_the_dockerignore():
    patterns = [line for line in (REPO / ".dockerignore").read_text().splitlines() if not line.startswith("#")]
    assert patterns[0] == "*", "an allow-list: ignore everything, then re-include"
    allowed = {line[1:].rstrip("/") for line in patterns if line.startswith("!")}
    for instruction, args in instructions():
        if instruction == "COPY" and "--from=" not in args:
            sources = [word for word in args.split()[:-1] if not word.startswith("--")]
            for source in sources:
                assert (REPO / source).exists(), source
                assert source in allowed, f"{source} is excluded by .dockerignore"
