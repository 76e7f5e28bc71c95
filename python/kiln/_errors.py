# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The exceptions every part of the package raises."""


class Error(Exception):
    """Base class of the errors Kiln raises (a missing compiler, a library
    that is not a Kiln model, a failed run, a failed compile)."""


class RunError(Error):
    """A compiled model's create or run returned a status other than OK.

    `status` is the runtime's code (kiln_rt_status_t) and `status_name` its
    name ("invalid argument", ...); the message holds what the runtime
    logged about it.
    """

    def __init__(self, message: str, status: int, status_name: str):
        super().__init__(message)
        self.status = status
        self.status_name = status_name
