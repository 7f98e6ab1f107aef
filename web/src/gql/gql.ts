/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation CreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query Account {\n    me {\n      email\n      user {\n        id\n        displayName\n        avatarUrl\n        createdAt\n      }\n      apiKeys {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.AccountDocument,
    "\n  query Album($id: ID!) {\n    album(id: $id) {\n      id\n      title\n      releaseDate\n      coverUrl\n      artist {\n        id\n        name\n      }\n      songs {\n        ...TrackFields\n      }\n    }\n  }\n": typeof types.AlbumDocument,
    "\n  fragment ArtistSongPage on SongConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      node {\n        ...TrackFields\n      }\n    }\n  }\n": typeof types.ArtistSongPageFragmentDoc,
    "\n  query Artist($id: ID!, $first: Int!) {\n    artist(id: $id) {\n      id\n      name\n      albums {\n        id\n        title\n        releaseDate\n        coverUrl\n      }\n      songs(first: $first) {\n        ...ArtistSongPage\n      }\n    }\n  }\n": typeof types.ArtistDocument,
    "\n  query ArtistSongs($id: ID!, $first: Int!, $after: String!) {\n    artist(id: $id) {\n      id\n      songs(first: $first, after: $after) {\n        ...ArtistSongPage\n      }\n    }\n  }\n": typeof types.ArtistSongsDocument,
    "\n  query Discover($first: Int!) {\n    trending(first: $first) {\n      ...TrackFields\n    }\n    newReleases(first: $first) {\n      ...TrackFields\n    }\n  }\n": typeof types.DiscoverDocument,
    "\n  query Search($query: String!, $filter: SearchFilter, $first: Int!, $others: Int!) {\n    search(query: $query, filter: $filter, first: $first) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n      albums(first: $others) {\n        id\n        title\n        coverUrl\n        releaseDate\n        artist {\n          id\n          name\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      facets {\n        ...FacetFields\n      }\n    }\n  }\n": typeof types.SearchDocument,
    "\n  query Song($id: ID!) {\n    song(id: $id) {\n      id\n      title\n      genre\n      tags\n      durationMs\n      status\n      failureReason\n      coverUrl\n      createdAt\n      waveform\n      stream {\n        masterUrl\n        renditions {\n          bitrateKbps\n          codec\n          url\n        }\n      }\n      artist {\n        id\n        name\n      }\n      album {\n        id\n        title\n        coverUrl\n      }\n      uploader {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.SongDocument,
    "\n  mutation RequestSongUpload($input: RequestSongUploadInput!) {\n    requestSongUpload(input: $input) {\n      song {\n        id\n        title\n        status\n      }\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n": typeof types.RequestSongUploadDocument,
    "\n  mutation DeleteSong($id: ID!) {\n    deleteSong(id: $id)\n  }\n": typeof types.DeleteSongDocument,
    "\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    refreshToken\n    accessTokenExpiresAt\n    user {\n      id\n      displayName\n      avatarUrl\n    }\n  }\n": typeof types.AuthPayloadFieldsFragmentDoc,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation SignInWithGoogle($idToken: String!) {\n    signInWithGoogle(idToken: $idToken) {\n      ...AuthPayloadFields\n    }\n  }\n": typeof types.SignInWithGoogleDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.LogoutDocument,
    "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n": typeof types.PageInfoFieldsFragmentDoc,
    "\n  fragment JamSessionFields on JamSession {\n    id\n    code\n    guestsCanControl\n    endedAt\n    host {\n      id\n      displayName\n    }\n    participants {\n      connected\n      joinedAt\n      user {\n        id\n        displayName\n        avatarUrl\n      }\n    }\n    queue {\n      id\n      addedBy {\n        id\n        displayName\n      }\n      song {\n        id\n        title\n        status\n        durationMs\n        coverUrl\n        artist {\n          id\n          name\n        }\n        stream {\n          masterUrl\n        }\n      }\n    }\n    playback {\n      playing\n      positionMs\n      serverTimeMs\n      current {\n        id\n      }\n    }\n  }\n": typeof types.JamSessionFieldsFragmentDoc,
    "\n  subscription JamSessionEvents($id: ID!) {\n    jamSession(id: $id) {\n      kind\n      serverTimeMs\n      session {\n        id\n        code\n        guestsCanControl\n        endedAt\n        host {\n          id\n        }\n        participants {\n          connected\n          joinedAt\n          user {\n            id\n          }\n        }\n        queue {\n          id\n          addedBy {\n            id\n          }\n          song {\n            id\n          }\n        }\n        playback {\n          playing\n          positionMs\n          serverTimeMs\n          current {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.JamSessionEventsDocument,
    "\n  query JamSessionDetails($id: ID!) {\n    jamSession(id: $id) {\n      ...JamSessionFields\n    }\n  }\n": typeof types.JamSessionDetailsDocument,
    "\n  query ServerTime {\n    serverTime\n  }\n": typeof types.ServerTimeDocument,
    "\n  mutation StartJam($songIds: [ID!]) {\n    startJam(songIds: $songIds) {\n      id\n      code\n    }\n  }\n": typeof types.StartJamDocument,
    "\n  mutation JoinJam($code: String!) {\n    joinJam(code: $code) {\n      id\n    }\n  }\n": typeof types.JoinJamDocument,
    "\n  mutation LeaveJam($id: ID!) {\n    leaveJam(id: $id)\n  }\n": typeof types.LeaveJamDocument,
    "\n  mutation EndJam($id: ID!) {\n    endJam(id: $id)\n  }\n": typeof types.EndJamDocument,
    "\n  mutation ControlJam($id: ID!, $action: JamAction!, $positionMs: Float) {\n    controlJam(id: $id, action: $action, positionMs: $positionMs) {\n      id\n    }\n  }\n": typeof types.ControlJamDocument,
    "\n  mutation AddToJamQueue($id: ID!, $songIds: [ID!]!) {\n    addToJamQueue(id: $id, songIds: $songIds) {\n      id\n    }\n  }\n": typeof types.AddToJamQueueDocument,
    "\n  mutation RemoveFromJamQueue($id: ID!, $itemId: ID!) {\n    removeFromJamQueue(id: $id, itemId: $itemId) {\n      id\n    }\n  }\n": typeof types.RemoveFromJamQueueDocument,
    "\n  mutation MoveJamQueueItem($id: ID!, $itemId: ID!, $toIndex: Int!) {\n    moveJamQueueItem(id: $id, itemId: $itemId, toIndex: $toIndex) {\n      id\n    }\n  }\n": typeof types.MoveJamQueueItemDocument,
    "\n  mutation SetJamGuestControl($id: ID!, $enabled: Boolean!) {\n    setJamGuestControl(id: $id, enabled: $enabled) {\n      id\n    }\n  }\n": typeof types.SetJamGuestControlDocument,
    "\n  query JamSongSearch($query: String!) {\n    search(query: $query, first: 5) {\n      songs {\n        edges {\n          node {\n            id\n            title\n            status\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.JamSongSearchDocument,
    "\n  query SearchSuggestions($query: String!, $first: Int!, $others: Int!) {\n    search(query: $query, first: $first) {\n      songs {\n        edges {\n          highlights {\n            field\n            snippet\n          }\n          node {\n            id\n            title\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      albums(first: $others) {\n        id\n        title\n        artist {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.SearchSuggestionsDocument,
    "\n  query SearchMoreSongs($query: String!, $filter: SearchFilter, $first: Int!, $after: String!) {\n    search(query: $query, filter: $filter, first: $first, after: $after) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n    }\n  }\n": typeof types.SearchMoreSongsDocument,
    "\n  fragment FacetFields on Facet {\n    name\n    values {\n      value\n      label\n      count\n    }\n  }\n": typeof types.FacetFieldsFragmentDoc,
    "\n  fragment SongSearchConnectionFields on SongSearchConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      score\n      highlights {\n        field\n        snippet\n      }\n      node {\n        ...TrackFields\n      }\n    }\n  }\n": typeof types.SongSearchConnectionFieldsFragmentDoc,
    "\n  query SongStatus($id: ID!) {\n    song(id: $id) {\n      id\n      status\n      failureReason\n    }\n  }\n": typeof types.SongStatusDocument,
    "\n  fragment TrackFields on Song {\n    id\n    title\n    status\n    durationMs\n    coverUrl\n    artist {\n      id\n      name\n    }\n    album {\n      id\n      title\n      coverUrl\n    }\n    stream {\n      masterUrl\n    }\n  }\n": typeof types.TrackFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  mutation CreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": types.RevokeApiKeyDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query Account {\n    me {\n      email\n      user {\n        id\n        displayName\n        avatarUrl\n        createdAt\n      }\n      apiKeys {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.AccountDocument,
    "\n  query Album($id: ID!) {\n    album(id: $id) {\n      id\n      title\n      releaseDate\n      coverUrl\n      artist {\n        id\n        name\n      }\n      songs {\n        ...TrackFields\n      }\n    }\n  }\n": types.AlbumDocument,
    "\n  fragment ArtistSongPage on SongConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      node {\n        ...TrackFields\n      }\n    }\n  }\n": types.ArtistSongPageFragmentDoc,
    "\n  query Artist($id: ID!, $first: Int!) {\n    artist(id: $id) {\n      id\n      name\n      albums {\n        id\n        title\n        releaseDate\n        coverUrl\n      }\n      songs(first: $first) {\n        ...ArtistSongPage\n      }\n    }\n  }\n": types.ArtistDocument,
    "\n  query ArtistSongs($id: ID!, $first: Int!, $after: String!) {\n    artist(id: $id) {\n      id\n      songs(first: $first, after: $after) {\n        ...ArtistSongPage\n      }\n    }\n  }\n": types.ArtistSongsDocument,
    "\n  query Discover($first: Int!) {\n    trending(first: $first) {\n      ...TrackFields\n    }\n    newReleases(first: $first) {\n      ...TrackFields\n    }\n  }\n": types.DiscoverDocument,
    "\n  query Search($query: String!, $filter: SearchFilter, $first: Int!, $others: Int!) {\n    search(query: $query, filter: $filter, first: $first) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n      albums(first: $others) {\n        id\n        title\n        coverUrl\n        releaseDate\n        artist {\n          id\n          name\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      facets {\n        ...FacetFields\n      }\n    }\n  }\n": types.SearchDocument,
    "\n  query Song($id: ID!) {\n    song(id: $id) {\n      id\n      title\n      genre\n      tags\n      durationMs\n      status\n      failureReason\n      coverUrl\n      createdAt\n      waveform\n      stream {\n        masterUrl\n        renditions {\n          bitrateKbps\n          codec\n          url\n        }\n      }\n      artist {\n        id\n        name\n      }\n      album {\n        id\n        title\n        coverUrl\n      }\n      uploader {\n        id\n        displayName\n      }\n    }\n  }\n": types.SongDocument,
    "\n  mutation RequestSongUpload($input: RequestSongUploadInput!) {\n    requestSongUpload(input: $input) {\n      song {\n        id\n        title\n        status\n      }\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n": types.RequestSongUploadDocument,
    "\n  mutation DeleteSong($id: ID!) {\n    deleteSong(id: $id)\n  }\n": types.DeleteSongDocument,
    "\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    refreshToken\n    accessTokenExpiresAt\n    user {\n      id\n      displayName\n      avatarUrl\n    }\n  }\n": types.AuthPayloadFieldsFragmentDoc,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AuthPayloadFields\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...AuthPayloadFields\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation SignInWithGoogle($idToken: String!) {\n    signInWithGoogle(idToken: $idToken) {\n      ...AuthPayloadFields\n    }\n  }\n": types.SignInWithGoogleDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.LogoutDocument,
    "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n": types.PageInfoFieldsFragmentDoc,
    "\n  fragment JamSessionFields on JamSession {\n    id\n    code\n    guestsCanControl\n    endedAt\n    host {\n      id\n      displayName\n    }\n    participants {\n      connected\n      joinedAt\n      user {\n        id\n        displayName\n        avatarUrl\n      }\n    }\n    queue {\n      id\n      addedBy {\n        id\n        displayName\n      }\n      song {\n        id\n        title\n        status\n        durationMs\n        coverUrl\n        artist {\n          id\n          name\n        }\n        stream {\n          masterUrl\n        }\n      }\n    }\n    playback {\n      playing\n      positionMs\n      serverTimeMs\n      current {\n        id\n      }\n    }\n  }\n": types.JamSessionFieldsFragmentDoc,
    "\n  subscription JamSessionEvents($id: ID!) {\n    jamSession(id: $id) {\n      kind\n      serverTimeMs\n      session {\n        id\n        code\n        guestsCanControl\n        endedAt\n        host {\n          id\n        }\n        participants {\n          connected\n          joinedAt\n          user {\n            id\n          }\n        }\n        queue {\n          id\n          addedBy {\n            id\n          }\n          song {\n            id\n          }\n        }\n        playback {\n          playing\n          positionMs\n          serverTimeMs\n          current {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.JamSessionEventsDocument,
    "\n  query JamSessionDetails($id: ID!) {\n    jamSession(id: $id) {\n      ...JamSessionFields\n    }\n  }\n": types.JamSessionDetailsDocument,
    "\n  query ServerTime {\n    serverTime\n  }\n": types.ServerTimeDocument,
    "\n  mutation StartJam($songIds: [ID!]) {\n    startJam(songIds: $songIds) {\n      id\n      code\n    }\n  }\n": types.StartJamDocument,
    "\n  mutation JoinJam($code: String!) {\n    joinJam(code: $code) {\n      id\n    }\n  }\n": types.JoinJamDocument,
    "\n  mutation LeaveJam($id: ID!) {\n    leaveJam(id: $id)\n  }\n": types.LeaveJamDocument,
    "\n  mutation EndJam($id: ID!) {\n    endJam(id: $id)\n  }\n": types.EndJamDocument,
    "\n  mutation ControlJam($id: ID!, $action: JamAction!, $positionMs: Float) {\n    controlJam(id: $id, action: $action, positionMs: $positionMs) {\n      id\n    }\n  }\n": types.ControlJamDocument,
    "\n  mutation AddToJamQueue($id: ID!, $songIds: [ID!]!) {\n    addToJamQueue(id: $id, songIds: $songIds) {\n      id\n    }\n  }\n": types.AddToJamQueueDocument,
    "\n  mutation RemoveFromJamQueue($id: ID!, $itemId: ID!) {\n    removeFromJamQueue(id: $id, itemId: $itemId) {\n      id\n    }\n  }\n": types.RemoveFromJamQueueDocument,
    "\n  mutation MoveJamQueueItem($id: ID!, $itemId: ID!, $toIndex: Int!) {\n    moveJamQueueItem(id: $id, itemId: $itemId, toIndex: $toIndex) {\n      id\n    }\n  }\n": types.MoveJamQueueItemDocument,
    "\n  mutation SetJamGuestControl($id: ID!, $enabled: Boolean!) {\n    setJamGuestControl(id: $id, enabled: $enabled) {\n      id\n    }\n  }\n": types.SetJamGuestControlDocument,
    "\n  query JamSongSearch($query: String!) {\n    search(query: $query, first: 5) {\n      songs {\n        edges {\n          node {\n            id\n            title\n            status\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.JamSongSearchDocument,
    "\n  query SearchSuggestions($query: String!, $first: Int!, $others: Int!) {\n    search(query: $query, first: $first) {\n      songs {\n        edges {\n          highlights {\n            field\n            snippet\n          }\n          node {\n            id\n            title\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      albums(first: $others) {\n        id\n        title\n        artist {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.SearchSuggestionsDocument,
    "\n  query SearchMoreSongs($query: String!, $filter: SearchFilter, $first: Int!, $after: String!) {\n    search(query: $query, filter: $filter, first: $first, after: $after) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n    }\n  }\n": types.SearchMoreSongsDocument,
    "\n  fragment FacetFields on Facet {\n    name\n    values {\n      value\n      label\n      count\n    }\n  }\n": types.FacetFieldsFragmentDoc,
    "\n  fragment SongSearchConnectionFields on SongSearchConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      score\n      highlights {\n        field\n        snippet\n      }\n      node {\n        ...TrackFields\n      }\n    }\n  }\n": types.SongSearchConnectionFieldsFragmentDoc,
    "\n  query SongStatus($id: ID!) {\n    song(id: $id) {\n      id\n      status\n      failureReason\n    }\n  }\n": types.SongStatusDocument,
    "\n  fragment TrackFields on Song {\n    id\n    title\n    status\n    durationMs\n    coverUrl\n    artist {\n      id\n      name\n    }\n    album {\n      id\n      title\n      coverUrl\n    }\n    stream {\n      masterUrl\n    }\n  }\n": types.TrackFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n  }\n"): (typeof documents)["\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    createdAt\n    lastUsedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Account {\n    me {\n      email\n      user {\n        id\n        displayName\n        avatarUrl\n        createdAt\n      }\n      apiKeys {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Account {\n    me {\n      email\n      user {\n        id\n        displayName\n        avatarUrl\n        createdAt\n      }\n      apiKeys {\n        ...ApiKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Album($id: ID!) {\n    album(id: $id) {\n      id\n      title\n      releaseDate\n      coverUrl\n      artist {\n        id\n        name\n      }\n      songs {\n        ...TrackFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Album($id: ID!) {\n    album(id: $id) {\n      id\n      title\n      releaseDate\n      coverUrl\n      artist {\n        id\n        name\n      }\n      songs {\n        ...TrackFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ArtistSongPage on SongConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      node {\n        ...TrackFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ArtistSongPage on SongConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      node {\n        ...TrackFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Artist($id: ID!, $first: Int!) {\n    artist(id: $id) {\n      id\n      name\n      albums {\n        id\n        title\n        releaseDate\n        coverUrl\n      }\n      songs(first: $first) {\n        ...ArtistSongPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query Artist($id: ID!, $first: Int!) {\n    artist(id: $id) {\n      id\n      name\n      albums {\n        id\n        title\n        releaseDate\n        coverUrl\n      }\n      songs(first: $first) {\n        ...ArtistSongPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ArtistSongs($id: ID!, $first: Int!, $after: String!) {\n    artist(id: $id) {\n      id\n      songs(first: $first, after: $after) {\n        ...ArtistSongPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query ArtistSongs($id: ID!, $first: Int!, $after: String!) {\n    artist(id: $id) {\n      id\n      songs(first: $first, after: $after) {\n        ...ArtistSongPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Discover($first: Int!) {\n    trending(first: $first) {\n      ...TrackFields\n    }\n    newReleases(first: $first) {\n      ...TrackFields\n    }\n  }\n"): (typeof documents)["\n  query Discover($first: Int!) {\n    trending(first: $first) {\n      ...TrackFields\n    }\n    newReleases(first: $first) {\n      ...TrackFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Search($query: String!, $filter: SearchFilter, $first: Int!, $others: Int!) {\n    search(query: $query, filter: $filter, first: $first) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n      albums(first: $others) {\n        id\n        title\n        coverUrl\n        releaseDate\n        artist {\n          id\n          name\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      facets {\n        ...FacetFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Search($query: String!, $filter: SearchFilter, $first: Int!, $others: Int!) {\n    search(query: $query, filter: $filter, first: $first) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n      albums(first: $others) {\n        id\n        title\n        coverUrl\n        releaseDate\n        artist {\n          id\n          name\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      facets {\n        ...FacetFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Song($id: ID!) {\n    song(id: $id) {\n      id\n      title\n      genre\n      tags\n      durationMs\n      status\n      failureReason\n      coverUrl\n      createdAt\n      waveform\n      stream {\n        masterUrl\n        renditions {\n          bitrateKbps\n          codec\n          url\n        }\n      }\n      artist {\n        id\n        name\n      }\n      album {\n        id\n        title\n        coverUrl\n      }\n      uploader {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query Song($id: ID!) {\n    song(id: $id) {\n      id\n      title\n      genre\n      tags\n      durationMs\n      status\n      failureReason\n      coverUrl\n      createdAt\n      waveform\n      stream {\n        masterUrl\n        renditions {\n          bitrateKbps\n          codec\n          url\n        }\n      }\n      artist {\n        id\n        name\n      }\n      album {\n        id\n        title\n        coverUrl\n      }\n      uploader {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSongUpload($input: RequestSongUploadInput!) {\n    requestSongUpload(input: $input) {\n      song {\n        id\n        title\n        status\n      }\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation RequestSongUpload($input: RequestSongUploadInput!) {\n    requestSongUpload(input: $input) {\n      song {\n        id\n        title\n        status\n      }\n      uploadUrl\n      method\n      headers {\n        name\n        value\n      }\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSong($id: ID!) {\n    deleteSong(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteSong($id: ID!) {\n    deleteSong(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    refreshToken\n    accessTokenExpiresAt\n    user {\n      id\n      displayName\n      avatarUrl\n    }\n  }\n"): (typeof documents)["\n  fragment AuthPayloadFields on AuthPayload {\n    accessToken\n    refreshToken\n    accessTokenExpiresAt\n    user {\n      id\n      displayName\n      avatarUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInWithGoogle($idToken: String!) {\n    signInWithGoogle(idToken: $idToken) {\n      ...AuthPayloadFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignInWithGoogle($idToken: String!) {\n    signInWithGoogle(idToken: $idToken) {\n      ...AuthPayloadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n"): (typeof documents)["\n  fragment PageInfoFields on PageInfo {\n    hasNextPage\n    endCursor\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment JamSessionFields on JamSession {\n    id\n    code\n    guestsCanControl\n    endedAt\n    host {\n      id\n      displayName\n    }\n    participants {\n      connected\n      joinedAt\n      user {\n        id\n        displayName\n        avatarUrl\n      }\n    }\n    queue {\n      id\n      addedBy {\n        id\n        displayName\n      }\n      song {\n        id\n        title\n        status\n        durationMs\n        coverUrl\n        artist {\n          id\n          name\n        }\n        stream {\n          masterUrl\n        }\n      }\n    }\n    playback {\n      playing\n      positionMs\n      serverTimeMs\n      current {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment JamSessionFields on JamSession {\n    id\n    code\n    guestsCanControl\n    endedAt\n    host {\n      id\n      displayName\n    }\n    participants {\n      connected\n      joinedAt\n      user {\n        id\n        displayName\n        avatarUrl\n      }\n    }\n    queue {\n      id\n      addedBy {\n        id\n        displayName\n      }\n      song {\n        id\n        title\n        status\n        durationMs\n        coverUrl\n        artist {\n          id\n          name\n        }\n        stream {\n          masterUrl\n        }\n      }\n    }\n    playback {\n      playing\n      positionMs\n      serverTimeMs\n      current {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription JamSessionEvents($id: ID!) {\n    jamSession(id: $id) {\n      kind\n      serverTimeMs\n      session {\n        id\n        code\n        guestsCanControl\n        endedAt\n        host {\n          id\n        }\n        participants {\n          connected\n          joinedAt\n          user {\n            id\n          }\n        }\n        queue {\n          id\n          addedBy {\n            id\n          }\n          song {\n            id\n          }\n        }\n        playback {\n          playing\n          positionMs\n          serverTimeMs\n          current {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription JamSessionEvents($id: ID!) {\n    jamSession(id: $id) {\n      kind\n      serverTimeMs\n      session {\n        id\n        code\n        guestsCanControl\n        endedAt\n        host {\n          id\n        }\n        participants {\n          connected\n          joinedAt\n          user {\n            id\n          }\n        }\n        queue {\n          id\n          addedBy {\n            id\n          }\n          song {\n            id\n          }\n        }\n        playback {\n          playing\n          positionMs\n          serverTimeMs\n          current {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JamSessionDetails($id: ID!) {\n    jamSession(id: $id) {\n      ...JamSessionFields\n    }\n  }\n"): (typeof documents)["\n  query JamSessionDetails($id: ID!) {\n    jamSession(id: $id) {\n      ...JamSessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ServerTime {\n    serverTime\n  }\n"): (typeof documents)["\n  query ServerTime {\n    serverTime\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartJam($songIds: [ID!]) {\n    startJam(songIds: $songIds) {\n      id\n      code\n    }\n  }\n"): (typeof documents)["\n  mutation StartJam($songIds: [ID!]) {\n    startJam(songIds: $songIds) {\n      id\n      code\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinJam($code: String!) {\n    joinJam(code: $code) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation JoinJam($code: String!) {\n    joinJam(code: $code) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveJam($id: ID!) {\n    leaveJam(id: $id)\n  }\n"): (typeof documents)["\n  mutation LeaveJam($id: ID!) {\n    leaveJam(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndJam($id: ID!) {\n    endJam(id: $id)\n  }\n"): (typeof documents)["\n  mutation EndJam($id: ID!) {\n    endJam(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ControlJam($id: ID!, $action: JamAction!, $positionMs: Float) {\n    controlJam(id: $id, action: $action, positionMs: $positionMs) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ControlJam($id: ID!, $action: JamAction!, $positionMs: Float) {\n    controlJam(id: $id, action: $action, positionMs: $positionMs) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToJamQueue($id: ID!, $songIds: [ID!]!) {\n    addToJamQueue(id: $id, songIds: $songIds) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddToJamQueue($id: ID!, $songIds: [ID!]!) {\n    addToJamQueue(id: $id, songIds: $songIds) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFromJamQueue($id: ID!, $itemId: ID!) {\n    removeFromJamQueue(id: $id, itemId: $itemId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveFromJamQueue($id: ID!, $itemId: ID!) {\n    removeFromJamQueue(id: $id, itemId: $itemId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveJamQueueItem($id: ID!, $itemId: ID!, $toIndex: Int!) {\n    moveJamQueueItem(id: $id, itemId: $itemId, toIndex: $toIndex) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MoveJamQueueItem($id: ID!, $itemId: ID!, $toIndex: Int!) {\n    moveJamQueueItem(id: $id, itemId: $itemId, toIndex: $toIndex) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetJamGuestControl($id: ID!, $enabled: Boolean!) {\n    setJamGuestControl(id: $id, enabled: $enabled) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SetJamGuestControl($id: ID!, $enabled: Boolean!) {\n    setJamGuestControl(id: $id, enabled: $enabled) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query JamSongSearch($query: String!) {\n    search(query: $query, first: 5) {\n      songs {\n        edges {\n          node {\n            id\n            title\n            status\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query JamSongSearch($query: String!) {\n    search(query: $query, first: 5) {\n      songs {\n        edges {\n          node {\n            id\n            title\n            status\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchSuggestions($query: String!, $first: Int!, $others: Int!) {\n    search(query: $query, first: $first) {\n      songs {\n        edges {\n          highlights {\n            field\n            snippet\n          }\n          node {\n            id\n            title\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      albums(first: $others) {\n        id\n        title\n        artist {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchSuggestions($query: String!, $first: Int!, $others: Int!) {\n    search(query: $query, first: $first) {\n      songs {\n        edges {\n          highlights {\n            field\n            snippet\n          }\n          node {\n            id\n            title\n            artist {\n              id\n              name\n            }\n          }\n        }\n      }\n      artists(first: $others) {\n        id\n        name\n      }\n      albums(first: $others) {\n        id\n        title\n        artist {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchMoreSongs($query: String!, $filter: SearchFilter, $first: Int!, $after: String!) {\n    search(query: $query, filter: $filter, first: $first, after: $after) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchMoreSongs($query: String!, $filter: SearchFilter, $first: Int!, $after: String!) {\n    search(query: $query, filter: $filter, first: $first, after: $after) {\n      songs {\n        ...SongSearchConnectionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FacetFields on Facet {\n    name\n    values {\n      value\n      label\n      count\n    }\n  }\n"): (typeof documents)["\n  fragment FacetFields on Facet {\n    name\n    values {\n      value\n      label\n      count\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SongSearchConnectionFields on SongSearchConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      score\n      highlights {\n        field\n        snippet\n      }\n      node {\n        ...TrackFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SongSearchConnectionFields on SongSearchConnection {\n    totalCount\n    pageInfo {\n      ...PageInfoFields\n    }\n    edges {\n      cursor\n      score\n      highlights {\n        field\n        snippet\n      }\n      node {\n        ...TrackFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SongStatus($id: ID!) {\n    song(id: $id) {\n      id\n      status\n      failureReason\n    }\n  }\n"): (typeof documents)["\n  query SongStatus($id: ID!) {\n    song(id: $id) {\n      id\n      status\n      failureReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TrackFields on Song {\n    id\n    title\n    status\n    durationMs\n    coverUrl\n    artist {\n      id\n      name\n    }\n    album {\n      id\n      title\n      coverUrl\n    }\n    stream {\n      masterUrl\n    }\n  }\n"): (typeof documents)["\n  fragment TrackFields on Song {\n    id\n    title\n    status\n    durationMs\n    coverUrl\n    artist {\n      id\n      name\n    }\n    album {\n      id\n      title\n      coverUrl\n    }\n    stream {\n      masterUrl\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;